"""Learning: progress through a course's lessons, reviews with their ratings, content reports."""
