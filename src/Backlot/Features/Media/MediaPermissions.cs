using System.Security.Claims;
using Backlot.Features.Accounts;

namespace Backlot.Features.Media;

/// <summary>
/// Who may add and change images. The one place these rules live: the media library, the article
/// editor's in-place upload and the image details page all ask here (through <see cref="MediaLibrary"/>).
/// </summary>
public static class MediaPermissions
{
    /// <summary>Authors and up upload images; Contributors write drafts with images others uploaded.</summary>
    public static bool MayUpload(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.HasAtLeast(Roles.Author);
    }

    /// <summary>
    /// Alt text, caption and credit: an Author changes only the images they uploaded; someone
    /// else's image (imported ones included, which have no uploader) is for Editors and up.
    /// </summary>
    public static bool MayEditDetails(ClaimsPrincipal user, string? uploadedById)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.HasAtLeast(Roles.Editor))
        {
            return true;
        }

        return user.HasAtLeast(Roles.Author) && uploadedById is not null && uploadedById == user.FindFirstValue(ClaimTypes.NameIdentifier);
    }
}
