#!/bin/sh
# Makes bai-viet.docx, a news item saved by LibreOffice Writer (a program
# other than Loa and Word), from bai-viet.fodt.in and the two pictures:
#   sh make.sh      (needs python3 and soffice: apt-get install libreoffice-writer-nogui)
# The .docx is committed; the tests read it and never run LibreOffice.
set -e
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/bai-viet.fodt" <<'PY'
import base64, sys
s = open("bai-viet.fodt.in", encoding="utf-8").read()
for name, key in (("hoi-nghi.jpg", "@HOI_NGHI_JPG@"), ("bieu-do.png", "@BIEU_DO_PNG@")):
    s = s.replace(key, base64.b64encode(open(name, "rb").read()).decode())
open(sys.argv[1], "w", encoding="utf-8").write(s)
PY
soffice --headless -env:UserInstallation="file://$tmp/profile" \
	--convert-to 'docx:MS Word 2007 XML' --outdir "$tmp" "$tmp/bai-viet.fodt" >/dev/null
cp "$tmp/bai-viet.docx" bai-viet.docx
