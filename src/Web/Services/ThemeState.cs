namespace Platform.Web.Services;

/// <summary>Light or dark theme, remembered in localStorage.</summary>
public sealed class ThemeState(LocalStore store)
{
    private const string Key = "platform.theme";
    private bool _loaded;

    public bool IsDark { get; private set; }
    public event Action? Changed;

    public async Task LoadAsync(Func<Task<bool>> systemPrefersDark)
    {
        if (_loaded) return;
        _loaded = true;
        var saved = await store.GetAsync(Key);
        IsDark = saved switch { "dark" => true, "light" => false, _ => await systemPrefersDark() };
        Changed?.Invoke();
    }

    public async Task ToggleAsync()
    {
        IsDark = !IsDark;
        Changed?.Invoke();
        await store.SetAsync(Key, IsDark ? "dark" : "light");
    }
}
