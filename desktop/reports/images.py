"""Photos from the room (flip-charts, walls, post-its) made fit to keep and to print: Pillow, no Qt.

``prepare_photo`` turns a file from a phone or camera into what the data folder stores:

- Opened safely: only JPEG (also the MPO variant many phones write), PNG and HEIC/HEIF are accepted,
  checked by content, not by the file name. Pillow's decompression-bomb warning and error count as a refusal,
  and an image of more than ``MAX_PIXELS`` (64 megapixels, about twice a good phone's camera), or one whose
  decoded pixels would take more than ``MAX_DECODED_BYTES`` (a zlib bomb: a PNG of a few hundred kilobytes
  claiming 60 megapixels of RGBA), is refused from its header, before a pixel is decoded. A damaged or
  truncated file is refused, never half-read.
- The phone's EXIF orientation is applied to the pixels, so the photo stands the way it was taken.
- Every piece of metadata is dropped: EXIF (GPS position, time, camera, serial numbers), XMP, IPTC,
  comments. An embedded colour profile (an iPhone's Display P3, Adobe RGB) is applied, converting the
  pixels to sRGB, and then dropped as well: the stored file carries pixels and nothing else, and ReportLab,
  which ignores embedded profiles, prints the colours as they were seen. Where a profile can't be applied,
  the pixels are kept as they are.
- Downscaled to at most ``MAX_SIDE`` (2560) pixels on the long side, which prints sharply at A4 width
  and keeps a programme's photos in hundreds of megabytes rather than gigabytes.
- Saved as PNG when the image has transparency or few colours (a diagram, a screenshot: at most 256
  colours, or 32 greys, since any black-and-white photo has 256 or fewer), which keeps it lossless and
  small; every other image as a progressive JPEG at quality 85.

The same source always gives the same bytes, so the content hash (``sha256``) names the stored file and
the same photo added twice is stored once. ``thumbnail`` makes small copies for the app's lists, cached
beside the photos by hash and size.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import re
import stat
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, JpegImagePlugin, MpoImagePlugin, PngImagePlugin

from desktop.errors import DiskFullError, StorageError, ValidationError
from desktop.file_errors import os_reason
from desktop.i18n import _

MAX_PIXELS = 64_000_000
# The memory the decoded picture may take (width × height × bands × bytes per band), whatever its pixel
# count: every 8-bit RGB image up to MAX_PIXELS fits (192 MB), a PNG that would unpack to more (a small
# file of zeros claiming 60 megapixels of 16-bit RGBA, about 0.5 GB) is refused from its header.
MAX_DECODED_BYTES = 200_000_000
MAX_SIDE = 2560
JPEG_QUALITY = 85
FEW_COLOURS = 256  # at most this many distinct colours: kept as PNG (a diagram, a screenshot)
FEW_GREYS = 32  # every greyscale photo has at most 256 greys; only a drawing has this few
# Formats tried when opening (a JPEG with several pictures, as many phones write, opens as "MPO").
ACCEPTED_FORMATS = ("JPEG", "PNG", "HEIF")
# The plugins of the accepted formats, registered before ``Image.open(formats=...)`` looks them up.
_PLUGINS = (JpegImagePlugin, MpoImagePlugin, PngImagePlugin)
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png"}
_HASH_NAME = re.compile(r"[0-9a-f]{64}")


def _register_heif() -> None:
    try:
        import pillow_heif
    except ImportError:  # pragma: no cover - a dependency; without it, HEIC files are "not an image"
        return
    pillow_heif.register_heif_opener()


_register_heif()


class PhotoError(ValidationError):
    """A file that can't be taken in as a photo; the message names the file."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__("photo", message)
        self.path = path


class NotAnImageError(PhotoError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            _(
                "{name} er ikke et bilde som kan brukes. Bruk JPEG, PNG eller HEIC (bilder fra mobilen)."
            ).format(name=path.name),
        )


class DamagedImageError(PhotoError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            _(
                "{name} er skadet eller ufullstendig og kan ikke leses. Prøv å overføre bildet på nytt."
            ).format(name=path.name),
        )


class ImageTooLargeError(PhotoError):
    def __init__(
        self, path: Path, width: int | None = None, height: int | None = None, deep: bool = False
    ) -> None:
        if deep:  # few enough pixels, but each takes much memory (transparency, 16 bits per colour)
            text = _(
                "{name} er for stort til å åpnes trygt ({width} × {height} piksler med gjennomsiktighet "
                "eller stor fargedybde). Lagre bildet som JPEG, eller mindre, og prøv igjen."
            ).format(name=path.name, width=width, height=height)
        elif width and height:
            text = _(
                "{name} er for stort ({width} × {height} piksler). Bilder kan ha høyst {limit} megapiksler."
            ).format(name=path.name, width=width, height=height, limit=MAX_PIXELS // 1_000_000)
        else:
            text = _(
                "{name} er for stort til å åpnes trygt. Bilder kan ha høyst {limit} megapiksler."
            ).format(name=path.name, limit=MAX_PIXELS // 1_000_000)
        super().__init__(path, text)


class UnreadableFileError(PhotoError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(path, _("{name} kan ikke leses: {reason}").format(name=path.name, reason=reason))


@dataclass(frozen=True)
class PreparedPhoto:
    """A photo ready to store: the encoded file, its format ("JPEG" or "PNG"), size and content hash."""

    data: bytes
    format: str
    width: int
    height: int
    sha256: str

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.format]


def prepare_photo(source: Path) -> PreparedPhoto:
    """Read ``source`` and return it oriented, stripped of metadata, downscaled and encoded.

    Raises a ``PhotoError`` (a ``ValidationError``) naming the file when it is not a usable image, is
    damaged or truncated, or is too large to open safely.
    """
    source = Path(source)
    image = _open(source)
    try:
        clean = _to_clean_pixels(source, image)
    finally:
        image.close()
    keep_lossless = _has_transparency(clean) or _few_colours(clean)
    clean = _downscale(clean, MAX_SIDE)
    if keep_lossless:
        if clean.mode not in ("RGB", "RGBA", "L", "LA"):
            clean = clean.convert("RGBA")
        data = _encode(clean, "PNG")
        fmt = "PNG"
    else:
        if clean.mode not in ("RGB", "L"):
            clean = clean.convert("RGB")
        data = _encode(clean, "JPEG")
        fmt = "JPEG"
    return PreparedPhoto(data, fmt, clean.width, clean.height, hashlib.sha256(data).hexdigest())


def _open(source: Path) -> Image.Image:
    """Open ``source`` lazily (header only), refusing what is not an accepted image or is too large; what
    is not a plain file (a named pipe would block the program for good, a device) is not an image."""
    with contextlib.suppress(OSError):  # a missing or unreadable file is told below
        if not stat.S_ISREG(os.stat(source).st_mode):
            raise NotAnImageError(source)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Opened by name so that Pillow owns the file and closes it with the image.
            image = Image.open(source, formats=ACCEPTED_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageTooLargeError(source) from None
    except Image.UnidentifiedImageError:
        raise NotAnImageError(source) from None
    except FileNotFoundError:
        raise UnreadableFileError(source, _("filen finnes ikke.")) from None
    except IsADirectoryError:
        raise NotAnImageError(source) from None
    except OSError as exc:
        if exc.errno is not None:  # permissions, a stick pulled out: the file, not its content
            raise UnreadableFileError(source, exc.strerror or str(exc)) from None
        raise DamagedImageError(source) from None
    except Exception:  # a decoder failing on a damaged header: the file's fault, not a bug
        raise DamagedImageError(source) from None
    width, height = image.size
    if width <= 0 or height <= 0 or width * height > MAX_PIXELS:
        image.close()
        raise ImageTooLargeError(source, width, height)
    # A JPEG is decoded at a fraction of its size (``draft`` below), never to more than 2 × MAX_SIDE.
    if image.format not in ("JPEG", "MPO") and decoded_bytes(image) > MAX_DECODED_BYTES:
        image.close()
        raise ImageTooLargeError(source, width, height, deep=True)
    return image


def decoded_bytes(image: Image.Image) -> int:
    """How much memory the decoded pixels of an opened (not yet loaded) image need, from its header: the
    larger of Pillow's image (its mode's bands) and what the file holds (16 bits a sample in a PNG)."""
    bands = len(image.getbands())
    per_band = 1
    if image.mode in ("I", "F") or image.mode.startswith("I;32"):
        per_band = 4
    elif image.mode.startswith("I;16"):
        per_band = 2
    raw = 0
    for tile in getattr(image, "tile", None) or ():
        args = tile[3] if len(tile) > 3 else None
        rawmode = args[0] if isinstance(args, tuple) and args else args
        if isinstance(rawmode, str) and "16" in rawmode:
            raw = 2 * bands  # e.g. "RGBA;16B": two bytes a sample in the file
    return image.width * image.height * max(bands * per_band, raw)


def _to_clean_pixels(source: Path, image: Image.Image) -> Image.Image:
    """Decode ``image`` into a new image with the orientation applied, colours in sRGB, and no metadata."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            if image.format == "MPO":
                image.seek(0)  # the main picture; the others are previews or depth maps
            if image.format in ("JPEG", "MPO") and max(image.size) > MAX_SIDE:
                # Let the JPEG decoder skip detail we would throw away (1/2, 1/4, 1/8): much faster.
                scale = MAX_SIDE / max(image.size)
                image.draft(None, (max(1, round(image.width * scale)), max(1, round(image.height * scale))))
            image.load()
            oriented = ImageOps.exif_transpose(image) or image
            pixels = _normalise_mode(oriented)
            pixels = _to_srgb(pixels, image.info.get("icc_profile"))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageTooLargeError(source) from None
    except MemoryError:
        raise ImageTooLargeError(source) from None
    except Exception:  # truncated data, broken chunks, decoder errors: all "damaged"
        raise DamagedImageError(source) from None
    # A new Image, not the opened one (whose file and metadata stay behind); its info (EXIF, XMP, ICC,
    # comments) is emptied, and Pillow's encoders write only what ``save`` is given.
    clean = pixels.copy() if pixels is image else pixels
    image.close()  # frees the decoded original early: large photos need memory once, not three times
    clean.info = {}
    return clean


def _normalise_mode(image: Image.Image) -> Image.Image:
    """One of L, LA, RGB, RGBA, CMYK (converted later by the profile, or plainly)."""
    mode = image.mode
    if mode in ("L", "LA", "RGB", "RGBA", "CMYK"):
        return image
    if mode in ("P", "PA"):
        return image.convert("RGBA" if _palette_has_alpha(image) else "RGB")
    if mode == "1":
        return image.convert("L")
    if mode.startswith("I;16"):  # 16-bit greyscale PNG: scale, don't clip
        return image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if mode in ("I", "F"):
        return image.convert("L")
    return image.convert("RGBA" if "A" in mode else "RGB")


def _palette_has_alpha(image: Image.Image) -> bool:
    return image.mode == "PA" or "transparency" in image.info or image.palette.mode == "RGBA"


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    if image.mode == "CMYK" and not icc:
        return image.convert("RGB")
    if not icc:
        return image
    alpha = image.getchannel("A") if image.mode in ("LA", "RGBA") else None
    base = image.convert("L" if image.mode == "LA" else "RGB") if alpha is not None else image
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        out_mode = "L" if base.mode == "L" else "RGB"
        converted = ImageCms.profileToProfile(
            base, profile, ImageCms.createProfile("sRGB"), outputMode=out_mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        converted = None  # an unusable profile: keep the pixels as they are
    if converted is None:
        converted = base.convert("RGB") if base.mode == "CMYK" else base
    if alpha is not None:
        converted = converted.convert("RGBA" if converted.mode == "RGB" else "LA")
        converted.putalpha(alpha)
    return converted


def _has_transparency(image: Image.Image) -> bool:
    """Whether any pixel is not fully opaque (an alpha channel that is all 255 doesn't count)."""
    if image.mode not in ("LA", "RGBA"):
        return False
    low, _high = image.getchannel("A").getextrema()
    return low < 255


def _few_colours(image: Image.Image) -> bool:
    colours = image.getcolors(FEW_COLOURS)
    if colours is None:
        return False
    grey = image.mode in ("L", "LA") or all(
        len(set(colour[:3])) == 1 for _count, colour in colours if isinstance(colour, tuple)
    )
    return not grey or len(colours) <= FEW_GREYS


def _downscale(image: Image.Image, longest: int) -> Image.Image:
    if max(image.size) <= longest:
        return image
    scale = longest / max(image.size)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    resized = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    resized.info = {}
    return resized


def _encode(image: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    else:
        image.save(buffer, "PNG", optimize=False, compress_level=6)
    return buffer.getvalue()


def thumbnail(path: Path, size: int, cache_dir: Path | None = None) -> Path:
    """A copy of the stored photo ``path`` at most ``size`` pixels on its long side, made once and cached.

    The cache is ``<data dir>/photos/thumbs/`` (``cache_dir`` by default is the ``thumbs`` folder beside
    the photo's two-letter folder), one file per content hash and size: ``<sha256>-<size>.jpg`` (``.png``
    when the photo is a PNG). A photo not named by its hash is hashed first. Raises a ``PhotoError`` when
    the photo is missing or can't be read.
    """
    path = Path(path)
    if size < 1:
        raise ValueError(f"thumbnail size must be positive, not {size}")
    if cache_dir is None:
        cache_dir = path.parent.parent / "thumbs"
    digest = path.stem if _HASH_NAME.fullmatch(path.stem) else _file_hash(path)
    suffix = ".png" if path.suffix.lower() == ".png" else ".jpg"
    target = cache_dir / f"{digest}-{size}{suffix}"
    if target.is_file():
        return target
    image = _open(path)
    try:
        pixels = _to_clean_pixels(path, image)
    finally:
        image.close()
    small = _downscale(pixels, size)
    if suffix == ".png":
        data = _encode(small if small.mode in ("RGB", "RGBA", "L", "LA") else small.convert("RGBA"), "PNG")
    else:
        data = _encode(small if small.mode in ("RGB", "L") else small.convert("RGB"), "JPEG")
    try:
        write_atomically(target, data)
    except OSError as exc:
        raise write_error(exc, cache_dir) from exc
    return target


def _file_hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        raise UnreadableFileError(path, _("filen finnes ikke.")) from None
    except OSError as exc:
        raise UnreadableFileError(path, exc.strerror or str(exc)) from None


def write_error(exc: OSError, folder: Path) -> StorageError:
    """What a failed write into ``folder`` means for the user: a full disk, or a folder that can't be
    written."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError()
    return StorageError(
        _("Kan ikke lagre bildet i {folder}: {reason}").format(folder=folder, reason=os_reason(exc))
    )


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file in the same folder, moved into place when
    complete: a reader sees the whole file or none. ``OSError`` passes through (the caller says what it
    means for the user)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
