using System.Security.Cryptography;

namespace Platform.Server.Backup;

public static class FileHashes
{
    public static async Task<BackupFile> DescribeAsync(string folder, string name, CancellationToken ct)
    {
        var path = Path.Combine(folder, name);
        await using var file = File.OpenRead(path);
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
        return new BackupFile(name, file.Length, hash);
    }

    /// <summary>Throws when the file is missing or its size or SHA-256 differ from what the manifest recorded.</summary>
    public static async Task VerifyAsync(string folder, BackupFile expected, CancellationToken ct)
    {
        var path = Path.Combine(folder, expected.Name);
        if (!File.Exists(path)) throw new BackupException($"The backup is incomplete: {path} is missing. Nothing was changed.");
        var actual = await DescribeAsync(folder, expected.Name, ct);
        if (actual.Bytes != expected.Bytes || actual.Sha256 != expected.Sha256)
            throw new BackupException($"The backup is damaged: {path} has {actual.Bytes} bytes and SHA-256 {actual.Sha256}; " +
                $"the manifest recorded {expected.Bytes} bytes and {expected.Sha256}. Nothing was changed.");
    }
}
