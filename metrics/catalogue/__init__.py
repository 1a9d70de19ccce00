"""The checked catalogue: typed records, vocabularies, regions, and the loader with located problems."""
