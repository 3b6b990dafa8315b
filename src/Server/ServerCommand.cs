namespace Platform.Server;

/// <summary>
/// The verb the server was started with: none (serve), <c>migrate</c>, <c>backup DIR</c> or <c>restore DIR [--force]</c>.
/// The verb's own arguments are taken out of <see cref="HostArgs"/>: the configuration's command-line reader would
/// otherwise read an absolute path such as <c>/srv/backup</c> as a setting.
/// </summary>
public sealed record ServerCommand(string? Verb, string? Folder, bool Force, string[] HostArgs)
{
    public const string Usage = "Usage: Platform.Server [migrate | backup DIR | restore DIR [--force]] [--setting value ...]";

    public static ServerCommand Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("backup" or "restore"))
            return new ServerCommand(args.Contains("migrate") ? "migrate" : null, null, false, args);
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
            throw new ArgumentException($"'{args[0]}' needs the backup folder. {Usage}");
        var rest = args.Skip(2).ToList();
        var force = rest.Remove("--force");
        if (force && args[0] == "backup") throw new ArgumentException($"'backup' has no --force option. {Usage}");
        return new ServerCommand(args[0], args[1], force, [.. rest]);
    }
}
