using Microsoft.AspNetCore.Components;
using Platform.Web.Services;

namespace Platform.Web.Components.Layout;

/// <summary>
/// The signed-in shell. Decides on first render where a visitor belongs: setup (fresh install), sign-in, or the app.
/// </summary>
public partial class MainLayout : IDisposable
{
    private bool _drawerOpen = true;
    private string? _error;

    [Inject] private AppState State { get; set; } = default!;
    [Inject] private ThemeState ThemeState { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        State.Changed += OnStateChanged;
        ThemeState.Changed += OnThemeChanged;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _error = null;
        try
        {
            var status = await State.EnsureLoadedAsync();
            Route(status);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _error = Feedback.MessageFor(ex);
        }
    }

    private void Route(SessionStatus status)
    {
        switch (status)
        {
            case SessionStatus.NeedsSetup: Nav.NavigateTo("/setup", replace: true); break;
            case SessionStatus.SignedOut: Nav.NavigateTo(Feedback.SignInUrl(Nav), replace: true); break;
        }
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private void OnStateChanged() => _ = InvokeAsync(() =>
    {
        Route(State.Status);
        StateHasChanged();
    });

    private void OnThemeChanged() => _ = InvokeAsync(StateHasChanged);

    public void Dispose()
    {
        State.Changed -= OnStateChanged;
        ThemeState.Changed -= OnThemeChanged;
        GC.SuppressFinalize(this);
    }
}
