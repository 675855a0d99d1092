"""PushSender adapters: Firebase Cloud Messaging, and the console for development."""
