"""Bad input in a chapter: each case gives one clear warning with file, line and type.

Each case is a page and the warning it must produce; lines are counted in the page.
"""

import pytest

PANEL_OK_ENTRY = """\
- name: Daikin
  url: https://www.daikin.com
  description: Heat pumps.
"""

CASES = {
    "chapter-without-title": ("""\
---
drawdown_solution: High-Efficiency Heat Pumps
sectors: [Electricity, Buildings]
---

Just text, no title.
""", "index.md:2: WARNING: a chapter with a drawdown_solution needs a '# Title'",
        "handbook.front-matter"),
    "panel-entry-missing-url": ("""\
# T

:::{company-panel}
- name: Daikin
  description: Heat pumps.
:::
""", "index.md:4: WARNING: company-panel: 'Daikin' is missing its 'url'",
        "handbook.missing-field"),
    "panel-entry-missing-name": ("""\
# T

:::{company-panel}
- url: https://www.daikin.com
  description: Heat pumps.
:::
""", "index.md:4: WARNING: company-panel: an entry is missing its 'name'",
        "handbook.missing-field"),
    "panel-entry-missing-description": ("""\
# T

:::{company-panel}
""" + PANEL_OK_ENTRY + """\
- name: Carrier
  url: https://www.carrier.com
:::
""", "index.md:7: WARNING: company-panel: 'Carrier' is missing its 'description'",
        "handbook.missing-field"),
    "panel-entry-misspelt-field": ("""\
# T

:::{company-panel}
- name: Daikin
  url: https://www.daikin.com
  descripton: Heat pumps.
:::
""", "index.md:4: WARNING: company-panel: 'Daikin' has unknown field(s) descripton",
        "handbook.malformed-entry"),
    "panel-entry-not-a-mapping": ("""\
# T

:::{company-panel}
""" + PANEL_OK_ENTRY + """\
- "[Carrier](https://www.carrier.com) - HVAC"
:::
""", "index.md:7: WARNING: company-panel: malformed entry",
        "handbook.malformed-entry"),
    "panel-broken-yaml": ("""\
# T

:::{company-panel}
- name: Daikin
  url: [https://www.daikin.com
  description: Heat pumps.
:::
""", "WARNING: company-panel: malformed YAML", "handbook.malformed-entry"),
    "panel-not-a-list": ("""\
# T

:::{company-panel}
Daikin, Carrier and Trane.
:::
""", "index.md:4: WARNING: company-panel: the content must be a list of companies",
        "handbook.malformed-entry"),
    "panel-empty": ("""\
# T

:::{company-panel}
:jobs: https://jobs.example.org
:::
""", "index.md:3: WARNING: company-panel lists no companies", "handbook.empty-panel"),
    "panel-url-not-http": ("""\
# T

:::{company-panel}
- name: Daikin
  url: javascript:alert(1)
  description: Heat pumps.
:::
""", "index.md:5: WARNING: company-panel: 'Daikin': the URL 'javascript:alert(1)' is not an "
     "http(s) address", "handbook.bad-url"),
    "panel-url-malformed": ("""\
# T

:::{company-panel}
- name: Daikin
  url: https://[daikin.com
  description: Heat pumps.
:::
""", "index.md:5: WARNING: company-panel: 'Daikin': the URL 'https://[daikin.com' is malformed",
        "handbook.bad-url"),
    "panel-url-no-host": ("""\
# T

:::{company-panel}
- name: Daikin
  url: https:///daikin
  description: Heat pumps.
:::
""", "index.md:5: WARNING: company-panel: 'Daikin': the URL 'https:///daikin' has no host name",
        "handbook.bad-url"),
    "panel-jobs-not-http": ("""\
# T

:::{company-panel}
:jobs: ftp://jobs.example.org

""" + PANEL_OK_ENTRY + """\
:::
""", "index.md:3: WARNING: company-panel :jobs: the URL 'ftp://jobs.example.org' is not an "
     "http(s) address", "handbook.bad-url"),
    "panel-description-not-text": ("""\
# T

:::{company-panel}
- name: Daikin
  url: https://www.daikin.com
  description: [heat, pumps]
:::
""", "index.md:6: WARNING: company-panel: 'Daikin' 'description' must be one line of text",
        "handbook.malformed-entry"),
    "case-missing-region": ("""\
# T

:::{case-study} Daikin Altherma
:sector: Residential
:link: https://www.daikin.com

Heat pumps.
:::
""", "index.md:3: WARNING: case-study 'Daikin Altherma' is missing :region:",
        "handbook.missing-field"),
    "case-missing-link-and-sector": ("""\
# T

:::{case-study} Daikin Altherma
:region: Europe

Heat pumps.
:::
""", "index.md:3: WARNING: case-study 'Daikin Altherma' is missing :sector: :link:",
        "handbook.missing-field"),
    "case-no-text": ("""\
# T

:::{case-study} Daikin Altherma
:region: Europe
:sector: Residential
:link: https://www.daikin.com
:::
""", "index.md:3: WARNING: case-study 'Daikin Altherma' has no text", "handbook.missing-field"),
    "case-link-not-http": ("""\
# T

:::{case-study} Daikin Altherma
:region: Europe
:sector: Residential
:link: data:text/html,hello

Heat pumps.
:::
""", "index.md:3: WARNING: case-study 'Daikin Altherma' :link: the URL 'data:text/html,hello' "
     "is not an http(s) address", "handbook.bad-url"),
    "case-unknown-option": ("""\
# T

:::{case-study} Daikin Altherma
:region: Europe
:sector: Residential
:link: https://www.daikin.com
:country: France

Heat pumps.
:::
""", "index.md:7: WARNING: 'case-study': Unknown option key: 'country' (allowed: ['company', "
     "'link', 'name', 'region', 'sector'])",
        "myst.directive_option"),
    "panel-unknown-option": ("""\
# T

:::{company-panel}
:job: https://jobs.example.org

""" + PANEL_OK_ENTRY + """\
:::
""", "index.md:4: WARNING: 'company-panel': Unknown option key: 'job' (allowed: ['jobs', "
     "'title'])",
        "myst.directive_option"),
    "solutions-table-unknown-sector": ("""\
# Electricity

:::{drawdown-solutions-table}
:sector: Electricty
:::
""", "index.md:3: WARNING: drawdown-solutions-table: no solution has 'Electricty' as its home "
     "sector; the home sectors are: Buildings", "handbook.drawdown"),
}


@pytest.mark.parametrize("page, expected, warning_type", CASES.values(), ids=CASES.keys())
def test_bad_input_warns_with_file_line_and_type(build_page, page, expected, warning_type):
    app, warnings = build_page(page)
    assert expected in warnings, warnings
    assert f"[{warning_type}]" in warnings
    assert "Traceback" not in warnings


def test_a_type_can_be_silenced_by_name(build_page):
    page = CASES["panel-url-not-http"][0]
    _, warnings = build_page(page, suppress_warnings=["handbook.bad-url"])
    assert warnings == ""
