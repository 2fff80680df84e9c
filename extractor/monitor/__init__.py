"""Keeping watch over one page: the snapshot store, the check unit of work, the outbox and delivery, history."""
