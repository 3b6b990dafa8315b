namespace Platform.Server.Backup;

/// <summary>A backup or restore that cannot go on; the message says why and what state it left.</summary>
public sealed class BackupException(string message, Exception? inner = null) : Exception(message, inner);
