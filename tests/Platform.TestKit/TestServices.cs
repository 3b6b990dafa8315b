namespace Platform.TestKit;

/// <summary>
/// Where the services started by .ci/start-services.sh listen: the environment variables it exports, or, when
/// the tests run without them (from an IDE), the .tmp/test-services.env file it wrote.
/// </summary>
public static class TestServices
{
    public const string PostgresVariable = "PLATFORM_TEST_POSTGRES";
    public const string S3Variable = "PLATFORM_TEST_S3";

    /// <summary>s3rver accepts any signature; these are its documented keys.</summary>
    public const string S3AccessKey = "S3RVER";
    public const string S3SecretKey = "S3RVER";

    private static readonly Lazy<IReadOnlyDictionary<string, string>> EnvFile = new(ReadEnvFile);

    /// <summary>Connection string of the server's maintenance database; use <see cref="PostgresDatabase"/> for tests.</summary>
    public static string PostgresConnectionString => Require(PostgresVariable);

    /// <summary>Base address of s3rver, e.g. http://127.0.0.1:4568.</summary>
    public static Uri S3Endpoint => new(Require(S3Variable));

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value
        : EnvFile.Value.TryGetValue(name, out var fromFile) ? fromFile
        : throw new InvalidOperationException(
            $"{name} is not set: run ./test.sh, which starts PostgreSQL and s3rver " +
            "(or `source .ci/start-services.sh` before `dotnet test`).");

    private static IReadOnlyDictionary<string, string> ReadEnvFile()
    {
        var values = new Dictionary<string, string>();
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, ".tmp", "test-services.env");
            if (!File.Exists(file))
                continue;
            foreach (var line in File.ReadLines(file))
            {
                // Lines look like: export NAME="value"
                var text = line.Trim();
                if (text.StartsWith("export ", StringComparison.Ordinal))
                    text = text["export ".Length..];
                var equals = text.IndexOf('=');
                if (equals > 0)
                    values[text[..equals]] = text[(equals + 1)..].Trim('"');
            }
            break;
        }
        return values;
    }
}
