namespace Platform.Contracts;

/// <summary>One page of a list; pass <see cref="NextCursor"/> back to get the next page (null = last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
}
