"""Alert delivery: the outbox dispatcher, message rendering and the apprise transport."""
