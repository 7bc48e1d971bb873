# Climate Solutions Handbook: `make book` builds both editions, `make test` runs the tests.
# Every set-up step lives here so that a fresh Debian machine needs nothing done by hand.

PYTHON     ?= python3
comma      := ,
space      := $(subst ,, )
VENV       := .venv
BIN        := $(VENV)/bin
NAME       := climate-solutions-handbook
PAPER      ?= a4
BUILD      := _build
SOURCE     ?= book
SPHINXOPTS ?= -W --keep-going -n
SPHINX     := $(BIN)/sphinx-build -c . $(SPHINXOPTS)
# The HTML edition is read and written on every core: on two cores a clean build of 93
# chapters takes about 0.6 of the time of one process (make bench), with the same bytes
# (tests/test_reproducible.py). A -j in SPHINXOPTS comes later, so it wins.
HTML_JOBS  ?= auto
SPHINX_HTML := $(BIN)/sphinx-build -c . -j $(HTML_JOBS) $(SPHINXOPTS)

# Reproducible output: dates in the book come from the last commit, not the clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH

# Debian packages: TeX Live for the PDF, rsvg-convert for SVG figures, poppler for tests.
TEX_PACKAGES := latexmk texlive-luatex texlive-latex-recommended texlive-latex-extra \
	texlive-fonts-recommended texlive-lang-english tex-gyre xindy \
	fonts-noto-core fonts-noto-cjk fonts-symbola fonts-dejavu-core librsvg2-bin poppler-utils

# Tests also drive a real browser: Debian's chromium (Playwright's own download cannot work here).
TEST_PACKAGES := chromium
# ... and validate the HTML with the W3C Nu HTML Checker: vnu.jar from npm, pinned in
# tools/nu-checker/package-lock.json (its install script, which would fetch a Java, is not
# run), on a Java from Debian.
NU_CHECKER := tools/nu-checker
NU_JAR     := $(NU_CHECKER)/node_modules/vnu-jar/build/dist/vnu.jar
ATLAS      := tools/world-atlas/node_modules/world-atlas/countries-110m.json
# ... and check the EPUB's accessibility with DAISY Ace, pinned in tools/ace/package-lock.json,
# driving Debian's chromium through puppeteer (no browser download: PUPPETEER_SKIP_DOWNLOAD).
ACE        := tools/ace/node_modules/.bin/ace-puppeteer

ifeq ($(PAPER),a4)
PDF_NAME := $(NAME)
else
PDF_NAME := $(NAME)-$(PAPER)
endif
LATEX_DIR := $(BUILD)/latex-$(PAPER)

# Who sees the worked solutions (_ext/handbook/editions/answers_shown.py): public, the
# default (folded in HTML, left out of PDFs); student (left out of everything, the HTML
# search index too); instructor (open, with the teaching notes). make html, handouts and
# course take EDITION=...; each edition other than public builds into folders of its own.
EDITION ?= public
EDITION_SUFFIX := $(if $(filter public,$(EDITION)),,-$(EDITION))
EDITION_OPTS := -D handbook_edition=$(EDITION) $(if $(filter instructor,$(EDITION)),,-D hide_solutions=1)
# Chapters are untrusted input: TeX may never run system commands (\write18), and may
# read and write only inside its own folder and TeX Live's (paranoid file access), in
# case math that the allow-list (_ext/handbook/untrusted/math_policy.py) let through tries.
LATEXOPTS  := -no-shell-escape -halt-on-error
LATEX_SANDBOX := openin_any=p openout_any=p
# Handouts are many small documents: run LaTeX on as many at once as there are cores.
LATEX_JOBS ?= $(shell nproc 2>/dev/null || echo 1)

.PHONY: help book release debian-packages check html pdf epub instructor handouts course lms bench test live clean setup tex-setup test-setup latex-run policy-table

help:
	@echo "make book     build the HTML and PDF editions (sets everything up first)"
	@echo "make check    for authors: HTML edition with all checks, and the chapter checks (no PDF)"
	@echo "make html     HTML edition only   -> $(BUILD)/html/index.html"
	@echo "              EDITION=student (no worked solutions) or instructor (solutions open, teaching notes)"
	@echo "              -> $(BUILD)/html-<edition>/; handouts and course take EDITION= too"
	@echo "make pdf      PDF edition only    -> $(BUILD)/pdf/$(NAME).pdf  (PAPER=letter for US Letter)"
	@echo "make epub     EPUB edition only   -> $(BUILD)/epub/$(NAME).epub"
	@echo "make instructor  instructor PDF with solutions and teaching notes"
	@echo "make handouts    one PDF per chapter -> $(BUILD)/pdf/handouts/  (HANDOUTS=\"<chapter ids>\" for some)"
	@echo "make course COURSE=<name>  a course pack from courses/<name>.yml"
	@echo "make lms      quizzes for Canvas/Blackboard (QTI) and Moodle (XML) -> $(BUILD)/lms/ (VARIANTS=N)"
	@echo "make release  every edition, named for a release -> $(BUILD)/release/ (see README, Publishing)"
	@echo "make bench    build-speed benchmark (table written to README.md)"
	@echo "make live     preview the HTML edition with live reload"
	@echo "make policy-table  rewrite the README's table of allowed markup"
	@echo "make test     run the test suite"
	@echo "make clean    remove $(BUILD)/"

# The PDF and EPUB first, so that the HTML edition can offer them for download. Each
# edition's time is printed as it ends, and all of them at the end (tools/timed).
BOOK_TIMES = $(BUILD)/.book-times
book: setup tex-setup
	@mkdir -p $(BUILD) && rm -f $(BOOK_TIMES)
	@tools/timed $(BOOK_TIMES) "PDF edition " $(MAKE) --no-print-directory pdf
	@tools/timed $(BOOK_TIMES) "EPUB edition" $(MAKE) --no-print-directory epub
	@tools/timed $(BOOK_TIMES) "HTML edition" $(MAKE) --no-print-directory html
	@echo
	@echo "HTML edition: $(BUILD)/html/index.html"
	@echo "PDF edition:  $(BUILD)/pdf/$(PDF_NAME).pdf"
	@echo "EPUB edition: $(BUILD)/epub/$(NAME).epub"
	@echo "Time taken:"
	@cat $(BOOK_TIMES)

setup: $(BIN)/.installed $(ATLAS)

# Every Debian package the book and its tests need, for a machine where this Makefile may
# not run apt-get itself (CI: sudo tools/ensure-debian-packages $$(make -s debian-packages)).
debian-packages:
	@echo $(TEX_PACKAGES) $(TEST_PACKAGES) default-jre-headless npm

# Every edition, with the names a release gives them (README "Publishing"): the reader's
# PDF on A4 and Letter, the EPUB, the HTML edition as a zip, the instructor's PDF, the
# handouts as a zip, one PDF per course pack.
RELEASE := $(BUILD)/release
COURSES := $(basename $(notdir $(wildcard courses/*.yml)))
release: book
	$(MAKE) --no-print-directory pdf PAPER=letter
	$(MAKE) --no-print-directory instructor
	$(MAKE) --no-print-directory handouts
	$(foreach course,$(COURSES),$(MAKE) --no-print-directory course COURSE=$(course) &&) true
	rm -rf $(RELEASE) && mkdir -p $(RELEASE)
	cp $(BUILD)/pdf/$(NAME).pdf $(BUILD)/pdf/$(NAME)-letter.pdf $(BUILD)/pdf/$(NAME)-instructor.pdf \
	   $(BUILD)/epub/$(NAME).epub $(RELEASE)/
	$(foreach course,$(COURSES),cp $(BUILD)/pdf/courses/$(course).pdf $(RELEASE)/$(NAME)-course-$(course).pdf &&) true
	cd $(BUILD)/pdf && $(abspath $(BIN))/python -m zipfile -c $(abspath $(RELEASE))/$(NAME)-handouts.zip handouts
	cd $(BUILD) && $(abspath $(BIN))/python -m zipfile -c $(abspath $(RELEASE))/$(NAME)-html.zip html
	@echo "Release files: $(RELEASE)/"
	@ls -1 $(RELEASE)

# Country outlines for the case-study map: npm's world-atlas (Natural Earth, public domain),
# pinned in tools/world-atlas/package-lock.json; npm from Debian if the machine has none.
$(ATLAS): tools/world-atlas/package-lock.json
	@command -v npm >/dev/null || tools/ensure-debian-packages npm
	npm ci --prefix tools/world-atlas --ignore-scripts --no-audit --no-fund --silent
	touch $@

# The venv is rebuilt whenever pyproject.toml changes.
$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

tex-setup:
	@tools/ensure-debian-packages $(TEX_PACKAGES)

test-setup: tex-setup $(NU_JAR) $(ACE)
	@tools/ensure-debian-packages $(TEST_PACKAGES)
	@command -v java >/dev/null || tools/ensure-debian-packages default-jre-headless

$(NU_JAR): $(NU_CHECKER)/package-lock.json
	@command -v npm >/dev/null || tools/ensure-debian-packages npm
	npm ci --prefix $(NU_CHECKER) --ignore-scripts --no-audit --no-fund --silent
	touch $@

$(ACE): tools/ace/package-lock.json
	@command -v npm >/dev/null || tools/ensure-debian-packages npm
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix tools/ace --ignore-scripts --no-audit --no-fund --silent
	touch $@

# For authors: the HTML edition with every check (-W) and the chapter checks, no PDF.
check: setup
	$(SPHINX_HTML) -b html -d $(BUILD)/doctrees/html $(SOURCE) $(BUILD)/html
	HANDBOOK_HTML=$(abspath $(BUILD))/html $(BIN)/pytest -q -p no:cacheprovider -m "not pdf" tests/test_chapters.py

html: setup
	$(SPHINX_HTML) -b html -D handbook_edition=$(EDITION) -d $(BUILD)/doctrees/html$(EDITION_SUFFIX) $(SOURCE) $(BUILD)/html$(EDITION_SUFFIX)
	@for file in pdf/$(NAME).pdf epub/$(NAME).epub; do \
	  if [ -f $(BUILD)/$$file ]; then cp $(BUILD)/$$file $(BUILD)/html$(EDITION_SUFFIX)/; \
	  else echo "note: no $(BUILD)/$$file yet, so the HTML edition's download link has nothing to fetch (make book builds every edition)"; fi; done

# The EPUB edition, the reader's: exercises without their worked solutions, as in the PDF
# (_ext/handbook/epub/). Its cover is drawn with rsvg-convert.
epub: setup
	@command -v rsvg-convert >/dev/null || tools/ensure-debian-packages librsvg2-bin
	$(SPHINX) -b epub -D hide_solutions=1 -d $(BUILD)/doctrees/epub $(SOURCE) $(BUILD)/epub
	@echo "EPUB edition: $(BUILD)/epub/$(NAME).epub"

# $(call latex-pdfs,<latex dir>,<sphinx options>): Sphinx writes the .tex files, latexmk
# makes the PDFs. On failure it says which chapter broke and removes every PDF of the
# run, so a failed build never leaves an old PDF looking new. (Only the PDFs made from
# .tex files: figures in PDF form, such as the Drawdown chart, stay for the next run.)
define latex-pdfs
	$(call remove-made-pdfs,$(1))
	$(SPHINX) -b latex -d $(BUILD)/doctrees/$(notdir $(1)) $(2) $(SOURCE) $(1)
	@$(MAKE) --no-print-directory latex-run TEXDIR=$(1) || { \
	  $(BIN)/python -m handbook.editions.failure_report $(1) $(SOURCE); \
	  $(call remove-made-pdfs,$(1)); exit 1; }
endef
remove-made-pdfs = for tex in $(1)/*.tex; do rm -f "$${tex%.tex}.pdf"; done

# LaTeX on a folder Sphinx wrote (the tests use it on their own folders). Page numbers
# after links ("p. 37") and the index move text, so the book needs more than latexmk's
# default of five passes to settle. Each LuaLaTeX pass prints a line with its page count
# (tools/latex-progress), since latexmk -silent says nothing for minutes on the book.
latex-run:
	@test -n "$(TEXDIR)" || { echo "Name the folder: make latex-run TEXDIR=<folder Sphinx's LaTeX builder wrote>"; exit 1; }
	@rm -f $(TEXDIR)/*.passes
	@$(LATEX_SANDBOX) $(MAKE) -C $(TEXDIR) -j $(LATEX_JOBS) LATEXMKOPTS="-silent -e '\$$\$$max_repeat=9' -pdflatex='$(abspath tools/latex-progress) lualatex $(LATEXOPTS) %O %S'" LATEXOPTS="$(LATEXOPTS)" all-pdf

# The reader's (student) edition: exercises without their solutions.
pdf: setup tex-setup
	rm -f $(BUILD)/pdf/$(PDF_NAME).pdf
	$(call latex-pdfs,$(LATEX_DIR),-D hide_solutions=1 -D latex_elements.papersize=$(PAPER)paper)
	mkdir -p $(BUILD)/pdf
	cp $(LATEX_DIR)/$(NAME).pdf $(BUILD)/pdf/$(PDF_NAME).pdf

# Quizzes for learning platforms, from the exercises' declared answers: a QTI package
# (Canvas, Blackboard) and a Moodle XML file per chapter and per course. Not part of the
# HTML edition: the answers stay with the teacher.
lms: setup
	$(SPHINX) -b dummy -D handbook_lms_dir=$(abspath $(BUILD))/lms $(if $(VARIANTS),-D handbook_lms_variants=$(VARIANTS)) -d $(BUILD)/doctrees/lms $(SOURCE) $(BUILD)/lms-read
	@echo "Quizzes: $(BUILD)/lms/chapters/ and $(BUILD)/lms/courses/"

# The instructor edition: worked solutions and teaching notes.
instructor: setup tex-setup
	rm -f $(BUILD)/pdf/$(NAME)-instructor.pdf
	$(call latex-pdfs,$(BUILD)/latex-instructor,-D handbook_edition=instructor -D latex_elements.papersize=$(PAPER)paper)
	mkdir -p $(BUILD)/pdf
	cp $(BUILD)/latex-instructor/$(NAME).pdf $(BUILD)/pdf/$(NAME)-instructor.pdf
	@echo "Instructor edition: $(BUILD)/pdf/$(NAME)-instructor.pdf"

# One PDF per chapter, each with its own title block and pages numbered from 1.
# HANDOUTS="buildings/insulation buildings/smart-thermostats" for some chapters only.
HANDOUTS_DIR = $(BUILD)/latex-handouts$(EDITION_SUFFIX)
handouts: setup tex-setup
	rm -rf $(BUILD)/pdf/handouts$(EDITION_SUFFIX)
	rm -f $(HANDOUTS_DIR)/*.tex
	$(call latex-pdfs,$(HANDOUTS_DIR),$(EDITION_OPTS) -D handbook_latex_set=handouts -D latex_elements.papersize=$(PAPER)paper $(if $(strip $(HANDOUTS)),-D handbook_handouts=$(subst $(space),$(comma),$(strip $(HANDOUTS)))))
	mkdir -p $(BUILD)/pdf/handouts$(EDITION_SUFFIX)
	for tex in $(HANDOUTS_DIR)/*.tex; do cp "$${tex%.tex}.pdf" $(BUILD)/pdf/handouts$(EDITION_SUFFIX)/; done
	@echo "Handouts: $(BUILD)/pdf/handouts$(EDITION_SUFFIX)/"

# A course pack from courses/$(COURSE).yml: make course COURSE=heating-without-fossil-fuels
course: setup tex-setup
	@test -n "$(COURSE)" || { echo "Name the course: make course COURSE=<name> (one of: $(basename $(notdir $(wildcard courses/*.yml))))"; exit 1; }
	rm -f $(BUILD)/pdf/courses/$(COURSE)$(EDITION_SUFFIX).pdf
	$(call latex-pdfs,$(BUILD)/latex-course-$(COURSE)$(EDITION_SUFFIX),$(EDITION_OPTS) -D handbook_course_pack=$(COURSE) -D latex_elements.papersize=$(PAPER)paper)
	mkdir -p $(BUILD)/pdf/courses
	cp $(BUILD)/latex-course-$(COURSE)$(EDITION_SUFFIX)/$(COURSE).pdf $(BUILD)/pdf/courses/$(COURSE)$(EDITION_SUFFIX).pdf
	@echo "Course pack: $(BUILD)/pdf/courses/$(COURSE)$(EDITION_SUFFIX).pdf"

# Benchmarks: build speed on synthetic books of 25, 93 and 400 chapters shaped like the real
# ones and on the book itself (HTML against stock, incremental, make live in Chromium, the
# PDF), and what a page costs a reader's browser (the real book, Chromium); tables into README.md.
bench: setup tex-setup test-setup
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_reader.py

# The README's table of allowed and refused markup, from _ext/handbook/untrusted/markup_policy.py.
policy-table: setup
	$(BIN)/python -c "from handbook.untrusted.markup_policy import update_readme; update_readme('README.md')"

live: setup
	$(BIN)/python -m handbook.live -c . -j $(HTML_JOBS) book $(BUILD)/html --watch _ext --watch _static --watch data --watch courses --watch conf.py

# Tests on every core (at most four workers): the tests that need the real book wait for
# its one build, and the others run while it builds (tests/shared_book.py).
test: setup test-setup
	$(BIN)/pytest -n auto --maxprocesses 4 --no-loadscope-reorder

clean:
	rm -rf $(BUILD)
