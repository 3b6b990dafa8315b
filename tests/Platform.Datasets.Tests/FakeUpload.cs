using System.Security.Cryptography;
using System.Text;
using Platform.Contracts;
using Platform.Datasets.Formats;

namespace Platform.Datasets.Tests;

/// <summary>An extracted upload held in memory; it remembers which files the reader opened.</summary>
public sealed class FakeUpload
{
    private readonly Dictionary<string, byte[]> files = new(StringComparer.Ordinal);
    private readonly List<string> opened = [];

    public IReadOnlyList<string> Opened => opened;

    public IReadOnlyList<SourceFile> Files => files
        .Select(f => new SourceFile(f.Key, f.Value.Length, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(f.Key)))))
        .ToList();

    public FakeUpload Text(string path, string content)
    {
        files[path] = Encoding.UTF8.GetBytes(content);
        return this;
    }

    public FakeUpload Bytes(string path, byte[] content)
    {
        files[path] = content;
        return this;
    }

    /// <summary>Any bytes will do: readers never decode images.</summary>
    public FakeUpload Images(params string[] paths)
    {
        foreach (var path in paths) files[path] = [0xFF, 0xD8, 0xFF, 0xE0];
        return this;
    }

    public Task<Stream> Open(SourceFile file, CancellationToken ct)
    {
        opened.Add(file.Path);
        return Task.FromResult<Stream>(new MemoryStream(files[file.Path], writable: false));
    }

    public DatasetFormat Detect() => DatasetReaders.Detect(Files);

    public Task<ParsedDataset> ReadAsync(ImportOptions? options = null) =>
        DatasetReaders.ReadAsync(Files, Open, options ?? new ImportOptions(), TestContext.Current.CancellationToken);

    public async Task<string> RefusalAsync(ImportOptions? options = null) =>
        (await Should.ThrowAsync<DatasetFormatException>(() => ReadAsync(options))).Message;
}
