"""Generator of the content-filter corpus (`python -m nlp.corpus.gen`); see nlp/corpus/README.md."""
