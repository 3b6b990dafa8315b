using System.Text.Json;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Push;

/// <summary>
/// An unfinished push, saved after every chunk the server confirms: which upload it is and how far it got. Running the
/// same push again resumes that upload; the file disappears once the import has started.
/// </summary>
public sealed record PushState(string Server, Guid WorkspaceId, string Source, string File, long Size, string Sha256, Guid UploadId, long ReceivedBytes)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string PathFor(string key) => Path.Combine(CliConfig.StateFolder, key + ".json");

    public static string PackedPathFor(string key) => Path.Combine(CliConfig.StateFolder, key + ".zip");

    public static PushState? Load(string key)
    {
        var path = PathFor(key);
        if (!System.IO.File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize<PushState>(System.IO.File.ReadAllText(path), Json); }
        catch (JsonException) { return null; }
    }

    public void Save(string key)
    {
        CliConfig.EnsureOwnerOnlyFolder(CliConfig.StateFolder);
        var path = PathFor(key);
        var temporary = path + ".tmp";
        System.IO.File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        System.IO.File.Move(temporary, path, overwrite: true);
    }

    public static void Forget(string key)
    {
        System.IO.File.Delete(PathFor(key));
        System.IO.File.Delete(PackedPathFor(key));
    }
}
