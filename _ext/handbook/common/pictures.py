"""The pictures both editions can show: LaTeX takes PNG, JPEG and PDF, and SVG goes
through rsvg-convert. The book refuses other kinds at their line; the importer reports
them and leaves them out."""

PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg", ".pdf")
