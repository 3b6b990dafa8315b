using Microsoft.JSInterop;

namespace Platform.Web.Services;

/// <summary>Small wrapper over the browser's localStorage; failures (private mode, quota) are ignored.</summary>
public sealed class LocalStore(IJSRuntime js)
{
    public async Task<string?> GetAsync(string key)
    {
        try { return await js.InvokeAsync<string?>("localStorage.getItem", key); }
        catch (JSException) { return null; }
    }

    public async Task SetAsync(string key, string? value)
    {
        try
        {
            if (value is null) await js.InvokeVoidAsync("localStorage.removeItem", key);
            else await js.InvokeVoidAsync("localStorage.setItem", key, value);
        }
        catch (JSException) { }
    }
}
