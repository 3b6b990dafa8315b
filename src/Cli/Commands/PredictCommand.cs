using System.ComponentModel;
using System.Text.Json;
using Platform.Cli.Infrastructure;
using Platform.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Platform.Cli.Commands;

public sealed class PredictSettings : WorkspaceSettings
{
    [CommandArgument(0, "<ENDPOINT>")]
    [Description("The endpoint's name or id")]
    public string Endpoint { get; init; } = "";

    [CommandArgument(1, "<FILES>")]
    [Description("Images (one prediction each), or one .json file holding {\"instances\": [...]} for text and table endpoints")]
    public string[] Files { get; init; } = [];

    [CommandOption("--key-stdin")]
    [Description("Call with an endpoint key (pek_…) read from standard input instead of your token ($PLATFORM_ENDPOINT_KEY works too)")]
    public bool KeyFromStdin { get; init; }
}

/// <summary>Sends files to a live endpoint and prints one prediction per instance.</summary>
public sealed class PredictCommand : PlatformCommand<PredictSettings>
{
    protected override async Task<int> RunAsync(PredictSettings settings, Output output, CancellationToken ct)
    {
        var missing = settings.Files.FirstOrDefault(f => !File.Exists(f));
        if (missing is not null) throw CliException.Usage($"{missing} does not exist.");
        var session = Session.Open();
        var workspace = await Lookup.WorkspaceAsync(session, settings.Workspace, ct);
        var endpoint = await Lookup.EndpointAsync(session.Client, workspace.Id, settings.Endpoint, ct);
        var key = settings.KeyFromStdin ? Console.In.ReadToEnd().Trim() : Environment.GetEnvironmentVariable("PLATFORM_ENDPOINT_KEY");
        var client = key is { Length: > 0 } ? Session.CreateClient(session.Url, key) : session.Client;

        var names = settings.Files.Select(Path.GetFileName).ToList();
        PredictResponse response;
        if (settings.Files is [var single] && single.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            var request = JsonSerializer.Deserialize<PredictRequest>(await File.ReadAllTextAsync(single, ct), PlatformClient.Json)
                ?? throw CliException.Usage($"{single} holds no {{\"instances\": [...]}} object.");
            response = await client.PredictAsync(workspace.Id, endpoint.Name, request, ct);
            names = [.. request.Instances.Select((_, i) => $"{Path.GetFileName(single)}[{i}]")];
        }
        else
        {
            var images = new List<(string, byte[])>();
            foreach (var file in settings.Files) images.Add((Path.GetFileName(file), await File.ReadAllBytesAsync(file, ct)));
            response = await client.PredictImagesAsync(workspace.Id, endpoint.Name, images, ct);
        }

        var rows = response.Predictions.Select((p, i) => new PredictionRow(names.ElementAtOrDefault(i) ?? $"#{i}", p.Label, p.Confidence, p.Value, p.Probabilities)).ToList();
        output.Result(new { response.Endpoint, response.Model, response.Version, Predictions = rows }, console =>
        {
            var table = Output.Table("Input", "Prediction", "Confidence");
            foreach (var row in rows)
                table.AddRow(Markup.Escape(row.Input), Markup.Escape(row.Label ?? row.Value?.ToString("G6") ?? "-"), row.Confidence?.ToString("0.000") ?? "");
            console.Write(table);
            console.MarkupLineInterpolated($"[grey]{response.Model} version {response.Version} at endpoint {response.Endpoint}[/]");
        });
        return ExitCodes.Ok;
    }

    public sealed record PredictionRow(string Input, string? Label, double? Confidence, double? Value, IReadOnlyDictionary<string, double>? Probabilities);
}
