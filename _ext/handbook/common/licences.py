"""The licences the book knows, by SPDX identifier, with the names readers see."""

# The licences whose material may go into a CC BY book (nothing NonCommercial or
# NoDerivatives): the book's own, and those a picture by others may carry.
LICENCE_NAMES = {
    "CC0-1.0": "CC0 1.0",
    "CC-PDM-1.0": "Public Domain Mark 1.0",
    "CC-BY-2.0": "CC BY 2.0", "CC-BY-2.5": "CC BY 2.5", "CC-BY-3.0": "CC BY 3.0",
    "CC-BY-4.0": "CC BY 4.0",
    "CC-BY-SA-2.0": "CC BY-SA 2.0", "CC-BY-SA-2.5": "CC BY-SA 2.5",
    "CC-BY-SA-3.0": "CC BY-SA 3.0", "CC-BY-SA-4.0": "CC BY-SA 4.0",
}
