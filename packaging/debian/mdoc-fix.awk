# Run by scripts/package on the pages swift-argument-parser's generate-manual writes.
# generate-manual copies --help's discussion text into mdoc verbatim: blank lines, lines that
# start with a quote or a dot, and indented examples are roff syntax there. Make them text.
/^  / { if (!literal) { print ".Bd -literal -offset indent"; literal = 1 } sub(/^  /, ""); print fix($0); next }
{ if (literal) { print ".Ed"; literal = 0 } }
/^$/ { print ".Pp"; next }
/^\.[a-z]/ || /^'/ { print "\\&" $0; next }
{ print }
END { if (literal) print ".Ed" }
function fix(line) { return (line ~ /^[.']/) ? "\\&" line : line }
