namespace Platform.Ml;

/// <summary>Which part of the data an item or row belongs to.</summary>
public enum MlSplit
{
    Train,
    Validation,
    Test,
}

/// <summary>One image or text item: <paramref name="Open"/> returns a fresh stream over its content each call.</summary>
public sealed record MlItem(string Id, Func<Stream> Open, string Label, MlSplit Split = MlSplit.Train);

/// <summary>One table row; <paramref name="Values"/> line up with <see cref="MlTable.Columns"/>.</summary>
public sealed record MlRow(string Id, IReadOnlyList<string?> Values, MlSplit Split = MlSplit.Train);

/// <summary>A table: column names, rows, and the name of the column to predict.</summary>
public sealed record MlTable(IReadOnlyList<string> Columns, IReadOnlyList<MlRow> Rows, string Target);
