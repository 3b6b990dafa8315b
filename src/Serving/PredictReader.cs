using System.Globalization;
using System.Text.Json;
using Platform.Ml;

namespace Platform.Serving;

/// <summary>
/// Reads a predict request into the model's kind of inputs: JSON {"instances": […]} for every kind, or a multipart upload
/// of image files. Every refusal names the instance and what is wrong with it.
/// </summary>
public static class PredictReader
{
    public static async Task<(ModelInputs? Inputs, IResult? Problem)> ReadAsync(HttpRequest request, ModelManifest manifest, ServingOptions limits, CancellationToken ct)
    {
        if (request.ContentLength > limits.MaxRequestBytes)
            return (null, ServingProblems.TooLarge($"A predict request may be at most {limits.MaxRequestBytes / (1024 * 1024):N0} MiB."));
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limits.MaxRequestBytes;
        var kind = manifest.Input.Kind;
        try
        {
            if (request.HasJsonContentType()) return await ReadJsonAsync(request, manifest, limits, ct);
            if (request.HasFormContentType)
            {
                return kind == "image"
                    ? await ReadFilesAsync(request, limits, ct)
                    : (null, ServingProblems.Unsupported($"This endpoint takes {kind} inputs: send them as JSON, {{\"instances\": […]}}."));
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ServingProblems.TooLarge($"A predict request may be at most {limits.MaxRequestBytes / (1024 * 1024):N0} MiB."));
        }
        catch (InvalidDataException e)
        {
            return (null, ServingProblems.BadInput($"The form could not be read: {e.Message}"));
        }
        return (null, ServingProblems.Unsupported(kind == "image"
            ? "Send JSON ({\"instances\": […]}, images in base64) or a multipart/form-data upload of image files."
            : "Send JSON: {\"instances\": […]}."));
    }

    private static async Task<(ModelInputs?, IResult?)> ReadFilesAsync(HttpRequest request, ServingOptions limits, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        if (form.Files.Count == 0) return (null, ServingProblems.BadInput("The upload holds no files; send one image file per instance."));
        if (form.Files.Count > limits.MaxInstancesPerRequest)
            return (null, ServingProblems.BadInput($"A request may hold at most {limits.MaxInstancesPerRequest} instances; this one holds {form.Files.Count}."));
        var images = new List<byte[]>(form.Files.Count);
        for (var i = 0; i < form.Files.Count; i++)
        {
            var file = form.Files[i];
            if (file.Length > limits.MaxImageBytes) return (null, ServingProblems.BadInput($"instances[{i}] ({file.FileName}): an image may be at most {limits.MaxImageBytes / (1024 * 1024)} MiB."));
            if (file.Length == 0) return (null, ServingProblems.BadInput($"instances[{i}] ({file.FileName}) is empty."));
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            images.Add(buffer.ToArray());
        }
        return (new ModelInputs(Images: images), null);
    }

    private static async Task<(ModelInputs?, IResult?)> ReadJsonAsync(HttpRequest request, ModelManifest manifest, ServingOptions limits, CancellationToken ct)
    {
        JsonDocument document;
        try { document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct); }
        catch (JsonException e) { return (null, ServingProblems.BadInput($"The body is not valid JSON: {e.Message}")); }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("instances", out var instances)
                || instances.ValueKind != JsonValueKind.Array)
                return (null, ServingProblems.BadInput("The body must be a JSON object with an \"instances\" array."));
            var count = instances.GetArrayLength();
            if (count == 0) return (null, ServingProblems.BadInput("\"instances\" is empty; give at least one."));
            if (count > limits.MaxInstancesPerRequest)
                return (null, ServingProblems.BadInput($"A request may hold at most {limits.MaxInstancesPerRequest} instances; this one holds {count}."));
            var errors = new List<string>();
            var items = instances.EnumerateArray().ToList();
            ModelInputs inputs = manifest.Input.Kind switch
            {
                "image" => new(Images: [.. items.Select((e, i) => Image(e, i, limits, errors))]),
                "text" => new(Texts: [.. items.Select((e, i) => Text(e, i, limits, errors))]),
                _ => new(Rows: [.. items.Select((e, i) => Row(e, i, manifest.Input.Columns!, errors))]),
            };
            return errors.Count == 0 ? (inputs, null) : (null, ServingProblems.BadInput(string.Join(" ", errors.Take(10))));
        }
    }

    private static byte[] Image(JsonElement e, int i, ServingOptions limits, List<string> errors)
    {
        var text = e.ValueKind == JsonValueKind.String ? e.GetString()
            : e.ValueKind == JsonValueKind.Object && e.TryGetProperty("image", out var image) && image.ValueKind == JsonValueKind.String ? image.GetString()
            : null;
        if (text is null)
        {
            errors.Add($"instances[{i}]: an image instance is a base64 string or {{\"image\": \"<base64>\"}}.");
            return [];
        }
        var comma = text.StartsWith("data:", StringComparison.Ordinal) ? text.IndexOf(',') : -1;
        var base64 = comma >= 0 ? text[(comma + 1)..] : text;
        if (base64.Length / 4 * 3 > limits.MaxImageBytes)
        {
            errors.Add($"instances[{i}]: an image may be at most {limits.MaxImageBytes / (1024 * 1024)} MiB.");
            return [];
        }
        var bytes = new byte[base64.Length / 4 * 3 + 3];
        if (!Convert.TryFromBase64String(base64, bytes, out var written) || written == 0)
        {
            errors.Add($"instances[{i}]: not valid base64.");
            return [];
        }
        return bytes[..written];
    }

    private static string Text(JsonElement e, int i, ServingOptions limits, List<string> errors)
    {
        var text = e.ValueKind == JsonValueKind.String ? e.GetString()
            : e.ValueKind == JsonValueKind.Object && e.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()
            : null;
        if (text is null) errors.Add($"instances[{i}]: a text instance is a string or {{\"text\": \"…\"}}.");
        else if (text.Length > limits.MaxTextCharacters) errors.Add($"instances[{i}]: a text may be at most {limits.MaxTextCharacters:N0} characters; this one has {text.Length:N0}.");
        return text ?? "";
    }

    private static Dictionary<string, string?> Row(JsonElement e, int i, IReadOnlyList<ColumnSpec> columns, List<string> errors)
    {
        var row = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (e.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"instances[{i}]: a table instance is an object of column → value.");
            return row;
        }
        var specs = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var cell in e.EnumerateObject())
        {
            if (!specs.TryGetValue(cell.Name, out var spec))
            {
                errors.Add($"instances[{i}]: unknown column '{cell.Name}'; the model takes {string.Join(", ", columns.Select(c => c.Name))}.");
                continue;
            }
            var value = cell.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => cell.Value.GetString(),
                JsonValueKind.Number => cell.Value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => "\0",
            };
            if (value == "\0") errors.Add($"instances[{i}].{cell.Name}: a cell is a string, a number, true, false or null.");
            else if (spec.Numeric && !string.IsNullOrWhiteSpace(value) && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                errors.Add($"instances[{i}].{cell.Name}: '{Shorten(value)}' is not a number.");
            else row[cell.Name] = value;
        }
        var missing = columns.Where(c => !e.TryGetProperty(c.Name, out _)).Select(c => c.Name).ToList();
        if (missing.Count > 0) errors.Add($"instances[{i}]: missing column{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)} (give null for a missing value).");
        return row;
    }

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
