"""Python side of the course site: widget fences, lab grader, static server."""
