"""In-memory fakes of the application's ports, for use-case tests without infrastructure."""
