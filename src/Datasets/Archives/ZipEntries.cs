using System.IO.Compression;

namespace Platform.Datasets.Archives;

internal static class ZipEntries
{
    private const int UnixFileType = 0xF000;
    private const int UnixSymbolicLink = 0xA000;

    public static async Task ReadAsync(Stream archive, string fileName, ExpansionBudget budget,
        Func<string, Stream, CancellationToken, Task> onEntry, CancellationToken ct)
    {
        ZipArchive zip;
        try
        {
            zip = await ZipArchive.CreateAsync(archive, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, ct);
        }
        catch (InvalidDataException e)
        {
            throw new ArchiveRejectedException($"\"{SafeNames.Display(fileName)}\" is not a valid zip archive ({e.Message.TrimEnd('.')}).");
        }

        await using (zip)
        {
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
                {
                    continue;
                }

                // Zips made on Unix keep the file mode in the high half of the external attributes.
                if (((entry.ExternalAttributes >> 16) & UnixFileType) == UnixSymbolicLink)
                {
                    throw ArchiveRejectedException.At(entry.FullName, "links are not allowed");
                }

                var path = SafeNames.Checked(entry.FullName);
                budget.CountEntry(entry.FullName);
                await using var content = await OpenAsync(entry, ct);
                await onEntry(path, new BudgetedStream(content, entry.FullName, budget), ct);
            }
        }
    }

    private static async Task<Stream> OpenAsync(ZipArchiveEntry entry, CancellationToken ct)
    {
        try
        {
            return await entry.OpenAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException)
        {
            throw ArchiveRejectedException.At(entry.FullName, $"the file cannot be read ({e.Message.TrimEnd('.')})");
        }
    }
}
