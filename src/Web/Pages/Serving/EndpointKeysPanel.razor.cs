using System.Net;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Serving;

public partial class EndpointKeysPanel : IDisposable
{
    private const int MaxNameLength = 100;
    private readonly List<EndpointKeyDto> _items = [];
    private readonly FieldErrors _errors = new();
    private readonly CancellationTokenSource _cts = new();
    private string _name = "";
    private bool _adding;
    private bool _creating;
    private bool _loading;
    private bool _loaded;
    private bool _forbidden;

    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }
    [Parameter, EditorRequired] public EndpointDto Endpoint { get; set; } = default!;
    [Parameter] public bool CanEdit { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _loading = true;
        try
        {
            var page = await Api.ListEndpointKeysAsync(WorkspaceId, Endpoint.Id, _cts.Token);
            _items.AddRange(page.Items);
            _loaded = true;
        }
        catch (PlatformApiException ex) when (ex.Status == HttpStatusCode.Forbidden)
        {
            _forbidden = true;
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested) { }
        catch (Exception ex)
        {
            await Feedback.ErrorAsync(ex);
        }
        finally
        {
            _loading = false;
        }
    }

    private void CancelAdd()
    {
        _adding = false;
        _name = "";
        _errors.Clear();
    }

    private async Task CreateAsync()
    {
        if (_creating) return;
        _errors.Clear();
        var name = _name.Trim();
        if (name.Length == 0) _errors.Set("name", "Name the key after the application that uses it.");
        else if (name.Length > MaxNameLength) _errors.Set("name", $"Use at most {MaxNameLength} characters.");
        if (_errors.Any) return;

        _creating = true;
        CreatedEndpointKeyDto? created = null;
        try
        {
            created = await Api.CreateEndpointKeyAsync(WorkspaceId, Endpoint.Id, new CreateEndpointKeyRequest(name), _cts.Token);
            _items.Insert(0, created.Key);
            _loaded = true;
            CancelAdd();
        }
        catch (PlatformApiException ex) when (ex.Problem?.Errors is { Count: > 0 })
        {
            if (_errors.AddFrom(ex, "name") is { Length: > 0 } rest) Feedback.Error(rest);
        }
        catch (Exception ex)
        {
            await Feedback.ErrorAsync(ex);
        }
        finally
        {
            _creating = false;
        }

        if (created is not null)
        {
            var parameters = new DialogParameters<EndpointKeySecretDialog>
            {
                { d => d.KeyName, created.Key.Name }, { d => d.EndpointName, Endpoint.Name }, { d => d.Secret, created.Secret },
            };
            var options = new DialogOptions { BackdropClick = false, CloseOnEscapeKey = false, CloseButton = false, MaxWidth = MaxWidth.Small, FullWidth = true };
            await Dialogs.ShowAsync<EndpointKeySecretDialog>("New endpoint key", parameters, options);
        }
    }

    private async Task RevokeAsync(EndpointKeyDto key)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Revoke key?",
            $"Applications using “{key.Name}” ({key.Prefix}…) can no longer call {Endpoint.Name}, at once. This cannot be undone.",
            yesText: "Revoke", cancelText: "Cancel");
        if (confirmed != true) return;
        await Feedback.TryAsync(async () =>
        {
            await Api.RevokeEndpointKeyAsync(WorkspaceId, Endpoint.Id, key.Id, _cts.Token);
            var index = _items.FindIndex(i => i.Id == key.Id);
            if (index >= 0) _items[index] = key with { RevokedAt = DateTimeOffset.UtcNow };
            Feedback.Success($"“{key.Name}” revoked.");
        });
    }

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
        GC.SuppressFinalize(this);
    }
}
