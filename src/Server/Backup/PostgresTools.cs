using System.Diagnostics;
using Npgsql;

namespace Platform.Server.Backup;

/// <summary>
/// Runs pg_dump / pg_restore against the configured database. The connection's parts go on the command line, the
/// password only into the child's environment (PGPASSWORD), never into arguments or output.
/// </summary>
public sealed class PostgresTools(string connectionString, string? binFolder)
{
    public async Task RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var info = new ProcessStartInfo(Locate(tool))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (connection.Host is { Length: > 0 } host) info.ArgumentList.Add($"--host={host}");
        info.ArgumentList.Add($"--port={connection.Port}");
        if (connection.Username is { Length: > 0 } user) info.ArgumentList.Add($"--username={user}");
        info.ArgumentList.Add($"--dbname={connection.Database}");
        info.ArgumentList.Add("--no-password");
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        if (connection.Password is { Length: > 0 } password) info.Environment["PGPASSWORD"] = password;
        info.Environment["PGSSLMODE"] = connection.SslMode.ToString().ToLowerInvariant() switch
        {
            "verifyca" => "verify-ca",
            "verifyfull" => "verify-full",
            var mode => mode,
        };

        using var process = Process.Start(info) ?? throw new BackupException($"{tool} did not start.");
        var errors = process.StandardError.ReadToEndAsync(ct);
        var output = process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var message = ((await errors).Trim() + "\n" + (await output).Trim()).Trim();
        if (process.ExitCode != 0)
            throw new BackupException($"{tool} failed (exit code {process.ExitCode}): {Tail(message)}");
    }

    /// <summary>Platform:Backup:PostgresBin, else PATH, else the newest /usr/lib/postgresql/N/bin (Debian, Ubuntu).</summary>
    private string Locate(string tool)
    {
        if (!string.IsNullOrEmpty(binFolder))
        {
            var configured = Path.Combine(binFolder, tool);
            return File.Exists(configured) ? configured
                : throw new BackupException($"{tool} is not in {binFolder} (Platform:Backup:PostgresBin).");
        }
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, tool)).FirstOrDefault(File.Exists);
        if (onPath is not null) return onPath;
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(folder => (Version: int.TryParse(Path.GetFileName(folder), out var v) ? v : 0, Path: Path.Combine(folder, "bin", tool)))
                .Where(c => File.Exists(c.Path)).OrderByDescending(c => c.Version).Select(c => c.Path).FirstOrDefault()
            : null;
        return debian ?? throw new BackupException(
            $"{tool} was not found on PATH. Install the PostgreSQL client tools (the server's major version or newer) " +
            "or set Platform:Backup:PostgresBin to the folder that holds them.");
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : "…" + text[^2000..];
}
