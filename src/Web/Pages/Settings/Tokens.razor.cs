using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Components.Dialogs;
using Platform.Web.Services;

namespace Platform.Web.Pages.Settings;

/// <summary>The signed-in user's API tokens: list, create (secret shown once), revoke.</summary>
public partial class Tokens
{
    private readonly List<ApiTokenDto> _items = [];
    private readonly FieldErrors _errors = new();
    private string? _next;
    private bool _loading;
    private bool _loaded;
    private bool _creating;
    private string _name = "";
    private int _days = 90;
    private Guid? _workspaceId;
    private string _serverUrl = "";

    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private AppState State { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    protected override Task OnInitializedAsync()
    {
        _serverUrl = Navigation.BaseUri.TrimEnd('/');
        _workspaceId = State.Current?.Id;
        return LoadMoreAsync();
    }

    private async Task LoadMoreAsync()
    {
        _loading = true;
        await Feedback.TryAsync(async () =>
        {
            var page = await Api.ListTokensAsync(_next);
            _items.AddRange(page.Items.Where(t => _items.All(i => i.Id != t.Id)));
            _next = page.NextCursor;
            _loaded = true;
        });
        _loading = false;
    }

    private async Task CreateAsync()
    {
        if (_creating) return;
        _errors.Clear();
        var name = _name.Trim();
        if (name.Length == 0) _errors.Set(nameof(CreateApiTokenRequest.Name), "Name the token after where it will be used.");
        else if (name.Length > 100) _errors.Set(nameof(CreateApiTokenRequest.Name), "Use at most 100 characters.");
        if (_days is < 1 or > 365) _errors.Set(nameof(CreateApiTokenRequest.ExpiresInDays), "Between 1 and 365 days.");
        if (_errors.Any) return;

        _creating = true;
        CreatedApiTokenDto? created = null;
        try
        {
            created = await Api.CreateTokenAsync(new CreateApiTokenRequest(name, _days, _workspaceId));
            _items.Insert(0, created.Token);
            _name = "";
        }
        catch (PlatformApiException ex) when (ex.Problem?.Errors is { Count: > 0 })
        {
            if (_errors.AddFrom(ex, nameof(CreateApiTokenRequest.Name), nameof(CreateApiTokenRequest.ExpiresInDays), nameof(CreateApiTokenRequest.WorkspaceId)) is { Length: > 0 } rest) Feedback.Error(rest);
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
            var parameters = new DialogParameters<TokenSecretDialog>
            {
                { d => d.TokenName, created.Token.Name },
                { d => d.Secret, created.Secret },
            };
            var options = new DialogOptions { BackdropClick = false, CloseOnEscapeKey = false, CloseButton = false, MaxWidth = MaxWidth.Small, FullWidth = true };
            await Dialogs.ShowAsync<TokenSecretDialog>("New API token", parameters, options);
        }
    }

    private async Task RevokeAsync(ApiTokenDto token)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Revoke token?",
            $"Scripts using “{token.Name}” ({token.Prefix}…) stop working immediately. This cannot be undone.",
            yesText: "Revoke", cancelText: "Cancel");
        if (confirmed != true) return;
        await Feedback.TryAsync(async () =>
        {
            await Api.RevokeTokenAsync(token.Id);
            var index = _items.FindIndex(i => i.Id == token.Id);
            if (index >= 0) _items[index] = token with { RevokedAt = DateTimeOffset.UtcNow };
            Feedback.Success($"“{token.Name}” revoked.");
        });
    }
}
