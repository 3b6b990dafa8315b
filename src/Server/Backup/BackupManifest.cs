using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Server.Backup;

/// <summary>
/// manifest.json, written last: a backup folder without one did not finish. It names the database file and the object
/// index with their sizes and SHA-256, so restore can prove it has every byte before it changes anything.
/// </summary>
public sealed record BackupManifest(
    int Format,
    DateTimeOffset CreatedAt,
    string PlatformVersion,
    string Provider,
    string Schema,
    BackupFile Database,
    BackupObjects Objects)
{
    public const int CurrentFormat = 1;
    public const string FileName = "manifest.json";
    public const string ObjectIndexFile = "objects.tsv";
    public const string ObjectFolder = "objects";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task WriteAsync(string folder, CancellationToken ct)
    {
        // Written under another name and renamed: a manifest is either whole or absent.
        var path = Path.Combine(folder, FileName);
        await File.WriteAllTextAsync(path + ".partial", JsonSerializer.Serialize(this, Json), ct);
        File.Move(path + ".partial", path);
    }

    public static async Task<BackupManifest> ReadAsync(string folder, CancellationToken ct)
    {
        var path = Path.Combine(folder, FileName);
        if (!Directory.Exists(folder)) throw new BackupException($"The backup folder {folder} does not exist.");
        if (!File.Exists(path))
            throw new BackupException($"{folder} has no {FileName}: it is not a backup, or its backup did not finish. Nothing was changed.");
        BackupManifest? manifest;
        try { manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(path, ct), Json); }
        catch (JsonException e) { throw new BackupException($"{path} is not a valid backup manifest ({e.Message}). Nothing was changed."); }
        if (manifest is null || manifest.Database is null || manifest.Objects is null || manifest.Provider is null || manifest.Schema is null)
            throw new BackupException($"{path} is incomplete. Nothing was changed.");
        if (manifest.Format != CurrentFormat)
            throw new BackupException($"{path} has backup format {manifest.Format}; this build reads format {CurrentFormat}. Nothing was changed.");
        return manifest;
    }
}

public sealed record BackupFile(string Name, long Bytes, string Sha256);

public sealed record BackupObjects(long Count, long Bytes, BackupFile Index);
