#!/bin/sh
# Makes the legacy-encoded references from the UTF-8 letter lists with
# glibc's iconv, a converter independent of Loa's tables. TCVN5712-1 is
# VN1, of which the TCVN3 (VN3) fonts use the code points listed in
# tcvn3.utf8.txt.
set -e
cd "$(dirname "$0")"
iconv -f UTF-8 -t TCVN5712-1 tcvn3.utf8.txt >tcvn3.bin
iconv -f UTF-8 -t VISCII viscii.utf8.txt >viscii.bin
