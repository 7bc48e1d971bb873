# Climate Solutions Handbook: `make book` builds both editions, `make test` runs the tests.
# Every set-up step lives here so that a fresh Debian machine needs nothing done by hand.

PYTHON     ?= python3
VENV       := .venv
BIN        := $(VENV)/bin
NAME       := climate-solutions-handbook
PAPER      ?= a4
BUILD      := _build
SOURCE     ?= book
SPHINXOPTS ?= -W --keep-going -n
SPHINX     := $(BIN)/sphinx-build -c . $(SPHINXOPTS)

# Reproducible output: dates in the book come from the last commit, not the clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH

# Debian packages: TeX Live for the PDF, rsvg-convert for SVG figures, poppler for tests.
TEX_PACKAGES := latexmk texlive-luatex texlive-latex-recommended texlive-latex-extra \
	texlive-fonts-recommended texlive-lang-english tex-gyre xindy \
	fonts-noto-core fonts-noto-cjk fonts-symbola fonts-dejavu-core librsvg2-bin poppler-utils

# Tests also drive a real browser: Debian's chromium (Playwright's own download cannot work here).
TEST_PACKAGES := chromium

ifeq ($(PAPER),a4)
PDF_NAME := $(NAME)
else
PDF_NAME := $(NAME)-$(PAPER)
endif
LATEX_DIR := $(BUILD)/latex-$(PAPER)
# Chapters are untrusted input: TeX may never run system commands (\write18).
LATEXOPTS  := -no-shell-escape -halt-on-error

.PHONY: help book html pdf test live clean setup tex-setup test-setup

help:
	@echo "make book     build the HTML and PDF editions (sets everything up first)"
	@echo "make html     HTML edition only   -> $(BUILD)/html/index.html"
	@echo "make pdf      PDF edition only    -> $(BUILD)/pdf/$(NAME).pdf  (PAPER=letter for US Letter)"
	@echo "make live     preview the HTML edition with live reload"
	@echo "make test     run the test suite"
	@echo "make clean    remove $(BUILD)/"

# The PDF first, so that the HTML edition can offer it for download.
book: pdf html
	@echo
	@echo "HTML edition: $(BUILD)/html/index.html"
	@echo "PDF edition:  $(BUILD)/pdf/$(PDF_NAME).pdf"

setup: $(BIN)/.installed

# The venv is rebuilt whenever pyproject.toml changes.
$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

tex-setup:
	@tools/ensure-debian-packages $(TEX_PACKAGES)

test-setup: tex-setup
	@tools/ensure-debian-packages $(TEST_PACKAGES)

html: setup
	$(SPHINX) -b html -d $(BUILD)/doctrees/html $(SOURCE) $(BUILD)/html
	@if [ -f $(BUILD)/pdf/$(NAME).pdf ]; then cp $(BUILD)/pdf/$(NAME).pdf $(BUILD)/html/$(NAME).pdf; \
	else echo "note: no PDF yet, so the HTML edition's 'Download PDF' link has nothing to fetch (make book builds both)"; fi

# The LaTeX tree is per paper size; the PDF is copied out only when latexmk succeeded,
# so a failed run never leaves an old PDF looking new.
pdf: setup tex-setup
	rm -f $(BUILD)/pdf/$(PDF_NAME).pdf
	$(SPHINX) -b latex -d $(BUILD)/doctrees/latex-$(PAPER) -D latex_elements.papersize=$(PAPER)paper $(SOURCE) $(LATEX_DIR)
	@$(MAKE) -C $(LATEX_DIR) LATEXMKOPTS="-silent" LATEXOPTS="$(LATEXOPTS)" all-pdf || { \
	  $(BIN)/python -m handbook.latex_failure $(LATEX_DIR)/$(NAME).log $(LATEX_DIR)/$(NAME).tex $(SOURCE); \
	  rm -f $(LATEX_DIR)/$(NAME).pdf; exit 1; }
	mkdir -p $(BUILD)/pdf
	cp $(LATEX_DIR)/$(NAME).pdf $(BUILD)/pdf/$(PDF_NAME).pdf

live: setup
	$(BIN)/sphinx-autobuild -c . book $(BUILD)/html --watch _ext --watch _static --watch data

test: setup test-setup
	$(BIN)/pytest

clean:
	rm -rf $(BUILD)
