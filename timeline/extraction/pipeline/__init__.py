"""The extraction pipeline: sentences, mentions, candidates, decisions, events."""
