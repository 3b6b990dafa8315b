using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Push;

/// <summary>
/// What a push uploads: the given archive or file as it is, or a folder packed into a zip kept next to the push's
/// state until the push finishes, so an interrupted push resumes with the very same bytes.
/// </summary>
public sealed record PushSource(string Path, string Name, string Stamp, bool IsPacked)
{
    public static PushSource From(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (File.Exists(full))
        {
            var info = new FileInfo(full);
            return new PushSource(full, info.Name, $"file|{full}|{info.Length}|{info.LastWriteTimeUtc.Ticks}", false);
        }
        if (!Directory.Exists(full)) throw CliException.Usage($"{path} is neither a file nor a folder.");
        var listing = new StringBuilder($"folder|{full}");
        foreach (var file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            listing.Append($"|{System.IO.Path.GetRelativePath(full, file)}:{info.Length}:{info.LastWriteTimeUtc.Ticks}");
        }
        var name = new DirectoryInfo(full).Name + ".zip";
        return new PushSource(full, name, listing.ToString(), true);
    }

    /// <summary>A short key for this source on this server and workspace: names the state file and the packed zip.</summary>
    public string Key(Uri server, Guid workspace) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{server}|{workspace}|{Stamp}")))[..24];

    /// <summary>The file to upload: the source itself, or the folder packed (once) into <paramref name="packedPath"/>.</summary>
    public string FileToUpload(string packedPath, Output output)
    {
        if (!IsPacked) return Path;
        if (File.Exists(packedPath)) return packedPath;
        CliConfig.EnsureOwnerOnlyFolder(System.IO.Path.GetDirectoryName(packedPath)!);
        output.Note($"Packing {Path} into a zip…");
        var partial = packedPath + ".partial";
        File.Delete(partial);
        ZipFile.CreateFromDirectory(Path, partial, CompressionLevel.Fastest, includeBaseDirectory: false);
        File.Move(partial, packedPath);
        return packedPath;
    }
}
