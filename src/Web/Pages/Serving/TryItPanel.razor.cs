using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Serving;

public partial class TryItPanel : IDisposable
{
    private const long MaxImageBytes = 10 * 1024 * 1024;
    private readonly CancellationTokenSource _cts = new();
    private readonly Dictionary<string, string?> _row = new(StringComparer.Ordinal);
    private string? _text;
    private byte[]? _image;
    private string? _fileName;
    private string? _preview;
    private PredictResponse? _response;
    private string? _error;
    private bool _busy;

    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;
    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }
    [Parameter, EditorRequired] public EndpointDto Endpoint { get; set; } = default!;
    /// <summary>After every answer, a prediction or a refusal: both count in the endpoint's monitoring.</summary>
    [Parameter] public EventCallback OnAnswered { get; set; }

    private async Task PickImageAsync(IBrowserFile? file)
    {
        if (file is null || _busy) return;
        _response = null;
        if (file.Size > MaxImageBytes)
        {
            _error = $"{file.Name} is {Format.Bytes(file.Size)}; pick an image of at most 10 MB.";
            return;
        }
        _error = null;
        try
        {
            using var buffer = new MemoryStream();
            await using (var stream = file.OpenReadStream(MaxImageBytes, _cts.Token)) await stream.CopyToAsync(buffer, _cts.Token);
            _image = buffer.ToArray();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            _error = $"{file.Name} could not be read: {ex.Message}";
            return;
        }
        _fileName = file.Name;
        var type = string.IsNullOrEmpty(file.ContentType) ? "image/*" : file.ContentType;
        _preview = $"data:{type};base64,{Convert.ToBase64String(_image)}";
        await PredictImageAsync();
    }

    private Task PredictImageAsync() => _image is { } image && _fileName is { } name
        ? PredictAsync(() => Api.PredictImagesAsync(WorkspaceId, Endpoint.Name, [(name, image)], _cts.Token))
        : Task.CompletedTask;

    private Task PredictTextAsync() => string.IsNullOrWhiteSpace(_text)
        ? Task.CompletedTask
        : PredictAsync(() => Api.PredictAsync(WorkspaceId, Endpoint.Name, new PredictRequest([JsonSerializer.SerializeToElement(_text)]), _cts.Token));

    private Task PredictRowAsync()
    {
        var row = new JsonObject();
        foreach (var column in Endpoint.Signature?.Columns ?? [])
        {
            var value = _row.GetValueOrDefault(column.Name)?.Trim();
            if (string.IsNullOrEmpty(value)) continue;
            if (column.Numeric && column.Categories is not { Count: > 0 })
            {
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    _error = $"{column.Name} takes a number; “{value}” is not one.";
                    _response = null;
                    return Task.CompletedTask;
                }
                row[column.Name] = number;
            }
            else
            {
                row[column.Name] = value;
            }
        }
        using var document = JsonDocument.Parse(row.ToJsonString());
        var instance = document.RootElement.Clone();
        return PredictAsync(() => Api.PredictAsync(WorkspaceId, Endpoint.Name, new PredictRequest([instance]), _cts.Token));
    }

    private async Task PredictAsync(Func<Task<PredictResponse>> predict)
    {
        if (_busy) return;
        _busy = true;
        _error = null;
        _response = null;
        StateHasChanged();
        try
        {
            _response = await predict();
        }
        catch (PlatformApiException ex) when (ex.Status != HttpStatusCode.Unauthorized)
        {
            _error = ex.UserMessage;
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested) { }
        catch (Exception ex) when (ex is not PlatformApiException)
        {
            _error = Feedback.MessageFor(ex);
        }
        catch (Exception ex)
        {
            await Feedback.ErrorAsync(ex);
        }
        finally
        {
            _busy = false;
        }
        if (!_cts.IsCancellationRequested) await OnAnswered.InvokeAsync();
    }

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
        GC.SuppressFinalize(this);
    }
}
