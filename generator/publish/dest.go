package publish

// Dest is the folder the stage replaces: absolute, its symbolic links
// resolved. The builder keys what it knows of the folder's files with it.
func (s *Stage) Dest() string { return s.dest }
