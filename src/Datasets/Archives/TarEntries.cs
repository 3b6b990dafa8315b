using System.Formats.Tar;

namespace Platform.Datasets.Archives;

internal static class TarEntries
{
    public static async Task ReadAsync(Stream tar, string fileName, ExpansionBudget budget,
        Func<string, Stream, CancellationToken, Task> onEntry, CancellationToken ct)
    {
        await using var reader = new TarReader(tar, leaveOpen: true);
        while (await NextAsync(reader, fileName, ct) is { } entry)
        {
            switch (entry.EntryType)
            {
                case TarEntryType.Directory or TarEntryType.GlobalExtendedAttributes:
                    continue;
                case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                    throw ArchiveRejectedException.At(entry.Name,
                        $"links are not allowed (it points to \"{SafeNames.Display(entry.LinkName)}\")");
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    break;
                default:
                    throw ArchiveRejectedException.At(entry.Name, $"it is not a regular file but a {entry.EntryType} entry");
            }

            var path = SafeNames.Checked(entry.Name);
            budget.CountEntry(entry.Name);
            var content = new BudgetedStream(entry.DataStream ?? Stream.Null, entry.Name, budget);
            await onEntry(path, content, ct);

            // The reader would skip what the consumer left unread by decompressing it anyway: count it too.
            await content.DrainAsync(ct);
        }
    }

    private static async Task<TarEntry?> NextAsync(TarReader reader, string fileName, CancellationToken ct)
    {
        try
        {
            return await reader.GetNextEntryAsync(copyData: false, ct);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new ArchiveRejectedException($"\"{SafeNames.Display(fileName)}\" is not a valid tar archive ({e.Message.TrimEnd('.')}).");
        }
    }
}
