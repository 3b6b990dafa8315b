using Platform.Contracts;
using Platform.TestKit;

namespace Platform.Api.Tests.Annotation;

public static class AnnotationFixtures
{
    /// <summary>Loose images with no class folder: an unlabeled set, as people bring to annotation.</summary>
    public static byte[] UnlabeledZip(int images) =>
        DatasetFixtures.Zip([.. Enumerable.Range(1, images).Select(i => ($"photo-{i:D3}.png", DatasetFixtures.Png(40, 30, (byte)(20 + i))))]);

    public static async Task<(DatasetDto Dataset, AnnotationProjectDto Project)> UnlabeledProjectAsync(this PlatformClient owner, Guid ws, int images,
        CancellationToken ct, params string[] labels)
    {
        var (dataset, import) = await owner.ImportAsync(ws, UnlabeledZip(images), "photos.zip", ct);
        import.ShouldHaveSucceeded();
        var project = await owner.CreateAnnotationProjectAsync(ws, new CreateAnnotationProjectRequest(
            $"Label photos {Guid.NewGuid():N}"[..24], dataset.Id, 1, [.. labels.Select(l => new AnnotationLabelInput(l))], "Pick the animal."), ct);
        return (dataset, project);
    }

    /// <summary>A new account that joins the workspace with the role.</summary>
    public static async Task<(PlatformClient Client, UserDto User)> JoinAsync(this PlatformApp app, PlatformClient owner, Guid ws, WorkspaceRole role, CancellationToken ct)
    {
        var (client, user) = await app.NewUserAsync(role.ToString().ToLowerInvariant());
        await owner.AddAndAcceptAsync(client, ws, user.Email, role, ct);
        return (client, user);
    }

    public static int Label(this AnnotationProjectDto project, string name) => project.Labels.Single(l => l.Name == name).Id;
}
