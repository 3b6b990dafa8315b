namespace Platform.Storage.Entities;

/// <summary>An entity refused a state change; the API answers 409 Conflict with this message.</summary>
public sealed class IllegalStateChangeException(string message) : InvalidOperationException(message);
