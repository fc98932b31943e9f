"""The newsletter: double opt-in signup, the free report, one-click unsubscribe and the
staff CSV export. Only the email address is collected (see newsroom.models.Subscriber)."""
