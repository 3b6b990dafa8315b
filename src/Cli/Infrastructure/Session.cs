using Platform.Contracts;

namespace Platform.Cli.Infrastructure;

/// <summary>
/// The server and token a command uses: $PLATFORM_URL and $PLATFORM_TOKEN when set (CI), else the config file.
/// </summary>
public sealed class Session
{
    private readonly string _token;

    private Session(CliConfig config, Uri url, string token)
    {
        Config = config;
        Url = url;
        _token = token;
        Client = CreateClient(url, token);
    }

    public CliConfig Config { get; }
    public Uri Url { get; }
    public PlatformClient Client { get; }

    public static Session Open()
    {
        var config = CliConfig.Load();
        var url = Environment.GetEnvironmentVariable("PLATFORM_URL") is { Length: > 0 } u ? u : config.Url;
        var token = Environment.GetEnvironmentVariable("PLATFORM_TOKEN") is { Length: > 0 } t ? t : config.Token;
        if (url is null || token is null)
            throw new CliException(ExitCodes.Unauthorized, "Not signed in: run platform login URL (or set PLATFORM_URL and PLATFORM_TOKEN).");
        return new Session(config, ParseUrl(url), token);
    }

    public static Uri ParseUrl(string url)
    {
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw CliException.Usage($"'{url}' is not an http:// or https:// address.");
        return uri;
    }

    public static PlatformClient CreateClient(Uri url, string token)
    {
        var client = new PlatformClient(new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(5) });
        client.UseToken(token);
        return client;
    }

    /// <summary>A live-events connection signed in with the same token.</summary>
    public LiveEventsClient LiveEvents() => new(Url, o => o.AccessTokenProvider = () => Task.FromResult<string?>(_token));
}
