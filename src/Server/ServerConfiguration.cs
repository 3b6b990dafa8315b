using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Platform.Server;

public static class ServerConfiguration
{
    /// <summary>
    /// The server's own appsettings.json (next to the binary) is read wherever it is started from: the README's
    /// <c>dotnet run --project src/Server</c> starts it in the repository root, where no appsettings.json is found.
    /// It has the lowest precedence, so one in the working directory, environment variables and arguments still win.
    /// </summary>
    public static void AddServerSettings(this WebApplicationBuilder builder)
    {
        var source = new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = true,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        };
        ((IConfigurationBuilder)builder.Configuration).Sources.Insert(0, source);
        // Whatever the configuration says, request URLs are not logged (they can hold a token in ?access_token=) and
        // neither is every SQL command: the embedded console shows what a person needs to read.
        foreach (var category in QuietCategories) builder.Logging.AddFilter(category, LogLevel.Warning);
        foreach (var category in ExpectedWarnings) builder.Logging.AddFilter(category, LogLevel.Error);
    }

    /// <summary>
    /// Warnings that are the design, not a problem: sign-in keys are kept in the database unencrypted (like the password
    /// hashes next to them: protect the database and its backups), and SQLite migrations that rebuild a table cannot run in
    /// a transaction.
    /// </summary>
    private static readonly string[] ExpectedWarnings =
    [
        "Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager",
        "Microsoft.EntityFrameworkCore.Migrations",
    ];

    private static readonly string[] QuietCategories =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.EntityFrameworkCore.Database.Command",
    ];
}
