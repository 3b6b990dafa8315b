using System.Text.Json;

namespace Platform.Cli.Infrastructure;

/// <summary>
/// The signed-in server, its token and the default workspace, in ~/.config/platform/config.json (or
/// $XDG_CONFIG_HOME/platform, or the file $PLATFORM_CONFIG names), readable by its owner only (0600).
/// </summary>
public sealed record CliConfig(string? Url = null, string? Token = null, string? Workspace = null)
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnlyFile | UnixFileMode.UserExecute;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string FilePath
    {
        get
        {
            if (Environment.GetEnvironmentVariable("PLATFORM_CONFIG") is { Length: > 0 } file) return Path.GetFullPath(file);
            var root = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
            return Path.Combine(root, "platform", "config.json");
        }
    }

    /// <summary>Where interrupted pushes keep their state, next to the config file.</summary>
    public static string StateFolder => Path.Combine(Path.GetDirectoryName(FilePath)!, "uploads");

    public static CliConfig Load()
    {
        var path = FilePath;
        if (!File.Exists(path)) return new CliConfig();
        try { return JsonSerializer.Deserialize<CliConfig>(File.ReadAllText(path), Json) ?? new CliConfig(); }
        catch (JsonException e) { throw CliException.Usage($"The config file {path} is not valid JSON ({e.Message}); fix it or run platform login again."); }
    }

    /// <summary>Writes the file through a 0600 temporary file and a rename, so the token is never readable by others.</summary>
    public void Save()
    {
        var path = FilePath;
        EnsureOwnerOnlyFolder(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnlyFile;
        using (var stream = new FileStream(temporary, options)) JsonSerializer.Serialize(stream, this, Json);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, OwnerOnlyFile);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Creates the folder readable by its owner only (0700); on Windows the profile folder's ACL already is.</summary>
    public static void EnsureOwnerOnlyFolder(string folder)
    {
        if (Directory.Exists(folder)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, OwnerOnlyFolder);
    }
}
