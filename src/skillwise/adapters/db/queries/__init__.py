"""Read-side queries: views shaped for lists and details, answered in few statements."""
