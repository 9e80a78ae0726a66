"""pcheck: check science-and-technology work-plan targets against reported statistics."""
