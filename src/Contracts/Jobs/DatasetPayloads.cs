namespace Platform.Contracts.Jobs;

/// <summary>What a split operation reads from its row: the version to split and how.</summary>
public sealed record SplitPayload(Guid VersionId, SplitRequest Split);

/// <summary>What an export operation reads from its row.</summary>
public sealed record ExportPayload(Guid VersionId, DatasetFormat Format);
