using System.Net;
using Platform.Contracts;
using Shouldly;

namespace Platform.Api.Tests;

public static class Assertions
{
    public static async Task<PlatformApiException> ShouldFailWith(this Task task, HttpStatusCode status)
    {
        var error = await Should.ThrowAsync<PlatformApiException>(task);
        error.Status.ShouldBe(status, error.Message);
        return error;
    }

    public static async Task<PlatformApiException> ShouldFailWith<T>(this Task<T> task, HttpStatusCode status) =>
        await ((Task)task).ShouldFailWith(status);
}
