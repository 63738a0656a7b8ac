"""The command-line layer: the only place that prints to the user and exits."""
