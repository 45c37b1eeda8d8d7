"""PyTorch twins of seg4j networks, written from the papers and seg4j's own code, for parity tests.

The encoder follows torchvision's ResNet naming (conv1, bn1, layer1.0.conv1, ..., downsample.0/1),
so the same mapping table that imports torchvision's ImageNet weights is exercised here. Decoder and
head names are this file's; seg4j's whole-model mapping tables (org.seg4j.model.weights) follow them.

Every network pads its input at the bottom and right to a multiple of its output stride with
reflection (seg4j's default `pad: reflect`), runs, and crops the logits back, as SegmentationModel.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_bn_relu(cin, cout, k, stride=1, dilation=1, groups=1, relu=True):
    layers = [nn.Conv2d(cin, cout, k, stride=stride, padding=dilation * (k // 2), dilation=dilation,
                        groups=groups, bias=False), nn.BatchNorm2d(cout)]
    if relu:
        layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def resize(x, h, w):
    if x.shape[-2] == h and x.shape[-1] == w:
        return x
    return F.interpolate(x, size=(h, w), mode="bilinear", align_corners=False)


def pad_to(x, multiple):
    h, w = x.shape[-2:]
    ph, pw = (-h) % multiple, (-w) % multiple
    if ph == 0 and pw == 0:
        return x
    return F.pad(x, (0, pw, 0, ph), mode="reflect")


class BasicBlock(nn.Module):
    def __init__(self, cin, planes, stride, dilation):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, planes, 3, stride, padding=dilation, dilation=dilation, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, padding=dilation, dilation=dilation, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = None
        if stride != 1 or cin != planes:
            self.downsample = nn.Sequential(nn.Conv2d(cin, planes, 1, stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return F.relu(y + (x if self.downsample is None else self.downsample(x)))


class Bottleneck(nn.Module):
    def __init__(self, cin, planes, stride, dilation):
        super().__init__()
        out = planes * 4
        self.conv1 = nn.Conv2d(cin, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride, padding=dilation, dilation=dilation, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, out, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(out)
        self.downsample = None
        if stride != 1 or cin != out:
            self.downsample = nn.Sequential(nn.Conv2d(cin, out, 1, stride, bias=False), nn.BatchNorm2d(out))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = F.relu(self.bn2(self.conv2(y)))
        y = self.bn3(self.conv3(y))
        return F.relu(y + (x if self.downsample is None else self.downsample(x)))


class ResNet(nn.Module):
    """ResNet-18/34/50 with torchvision's names; width = stem channels; output_stride 32/16/8 by dilation
    (replace_stride_with_dilation: a dilated stage's first unit keeps the previous dilation)."""

    def __init__(self, depth, width=64, output_stride=32):
        super().__init__()
        units = {18: [2, 2, 2, 2], 34: [3, 4, 6, 3], 50: [3, 4, 6, 3]}[depth]
        block = Bottleneck if depth >= 50 else BasicBlock
        expansion = 4 if depth >= 50 else 1
        self.conv1 = nn.Conv2d(3, width, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        cin, reduction, dilation = width, 4, 1
        self.channels = []
        for layer in range(4):
            planes = width << layer
            stride = 1 if layer == 0 else 2
            first_dilation = dilation
            if layer > 0 and reduction * 2 > output_stride:
                dilation *= 2
                stride = 1
            elif layer > 0:
                reduction *= 2
            mods = []
            for u in range(units[layer]):
                mods.append(block(cin, planes, stride if u == 0 else 1, first_dilation if u == 0 else dilation))
                cin = planes * expansion
            setattr(self, "layer%d" % (layer + 1), nn.Sequential(*mods))
            self.channels.append(cin)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        feats = []
        x = self.maxpool(x)
        for i in range(1, 5):
            x = getattr(self, "layer%d" % i)(x)
            feats.append(x)
        return feats


def separable(cin, cout, rate):
    """Depthwise 3x3 (dilated) + BN + ReLU, then pointwise 1x1 + BN + ReLU: children 0, 1, 2, 3."""
    return nn.Sequential(nn.Conv2d(cin, cin, 3, padding=rate, dilation=rate, groups=cin, bias=False),
                         nn.BatchNorm2d(cin), nn.ReLU(), conv_bn_relu(cin, cout, 1))


class Aspp(nn.Module):
    """Separable ASPP with seg4j's image pooling (biased 1x1 conv + ReLU, no BN; see seg4j's Aspp)."""

    def __init__(self, cin, width, rates, dropout):
        super().__init__()
        self.convs = nn.ModuleList([conv_bn_relu(cin, width, 1)] + [separable(cin, width, r) for r in rates])
        self.pooling = nn.Sequential(nn.Conv2d(cin, width, 1), nn.ReLU())
        self.project = nn.Sequential(conv_bn_relu(width * (len(rates) + 2), width, 1), nn.Dropout(dropout))

    def forward(self, x):
        parts = [c(x) for c in self.convs]
        img = self.pooling(x.mean((2, 3), keepdim=True))
        parts.append(img.expand(-1, -1, x.shape[2], x.shape[3]))
        return self.project(torch.cat(parts, 1))


class DeepLabV3PlusDecoder(nn.Module):
    def __init__(self, low_channels, deep_channels, width, low_width, rates, dropout):
        super().__init__()
        self.aspp = Aspp(deep_channels, width, rates, dropout)
        self.low_level = conv_bn_relu(low_channels, low_width, 1)
        self.refine = nn.Sequential(separable(width + low_width, width, 1), separable(width, width, 1))

    def forward(self, low, deep):
        low = self.low_level(low)
        deep = self.aspp(deep)
        return self.refine(torch.cat([resize(deep, low.shape[2], low.shape[3]), low], 1))


class DeepLabV3Plus(nn.Module):
    """seg4j `deeplabv3plus` on a ResNet: output stride 16, low-level features at stride 4."""

    def __init__(self, classes, depth=18, width=64, decoder_width=256, low_width=48, rates=(6, 12, 18),
                 dropout=0.1, output_stride=16):
        super().__init__()
        self.output_stride = output_stride
        self.encoder = ResNet(depth, width, output_stride)
        ch = self.encoder.channels
        self.decoder = DeepLabV3PlusDecoder(ch[0], ch[3], decoder_width, low_width, rates, dropout)
        self.head = nn.Conv2d(decoder_width, classes, 1)

    def forward(self, x):
        h, w = x.shape[2:]
        feats = self.encoder(pad_to(x, self.output_stride))
        y = self.head(self.decoder(feats[0], feats[3]))
        y = resize(y, y.shape[2] * 4, y.shape[3] * 4)
        return y[:, :, :h, :w]


def double_conv(cin, cout):
    return nn.Sequential(conv_bn_relu(cin, cout, 3), conv_bn_relu(cout, cout, 3))


class UNet(nn.Module):
    """seg4j `unet` with its own encoder: depth stages of double 3x3 conv + BN + ReLU after 2x2 max
    pooling, decoder blocks on [upsampled, skip] concatenations (channels capped), 1x1 head."""

    def __init__(self, classes, width=64, depth=4, max_channels=512):
        super().__init__()
        self.depth = depth
        ch = [width << i for i in range(depth + 1)]
        self.encoder = nn.Module()
        self.encoder.stages = nn.ModuleList([double_conv(3, ch[0])] + [
            nn.Sequential(nn.MaxPool2d(2, 2), double_conv(ch[i - 1], ch[i])) for i in range(1, depth + 1)])
        dec = [min(c, max_channels) for c in ch]
        blocks = [None] * depth
        prev = ch[-1]
        for i in range(depth - 1, -1, -1):
            blocks[i] = double_conv(prev + ch[i], dec[i])
            prev = dec[i]
        self.decoder = nn.Module()
        self.decoder.blocks = nn.ModuleList(blocks)
        self.head = nn.Conv2d(dec[0], classes, 1)

    def forward(self, x):
        h, w = x.shape[2:]
        x = pad_to(x, 1 << self.depth)
        feats = []
        for s in self.encoder.stages:
            x = s(x)
            feats.append(x)
        for i in range(self.depth - 1, -1, -1):
            skip = feats[i]
            x = self.decoder.blocks[i](torch.cat([resize(x, skip.shape[2], skip.shape[3]), skip], 1))
        return self.head(x)[:, :, :h, :w]


# ---------------------------------------------------------------------------------------------
# VGG-16 with batch norm (torchvision vgg16_bn's `features` names) and FCN-8s/16s/32s on it
# ---------------------------------------------------------------------------------------------

VGG_CONVS = [2, 2, 3, 3, 3]
VGG_FACTOR = [1, 2, 4, 8, 8]


class Vgg16Bn(nn.Module):
    """torchvision's vgg16_bn `features` (conv, BN, ReLU per unit, max pooling after each block), at
    `width` first-block channels. The convolutions have no bias, as seg4j's (the batch norm after
    each one makes a bias redundant; seg4j's import folds a torchvision bias into the running mean).
    forward returns pool1..pool5."""

    def __init__(self, width=64):
        super().__init__()
        layers, cin, self.pools = [], 3, []
        for block, n in enumerate(VGG_CONVS):
            cout = width * VGG_FACTOR[block]
            for _ in range(n):
                layers += [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]
                cin = cout
            self.pools.append(len(layers))
            layers.append(nn.MaxPool2d(2, 2))
        self.features = nn.Sequential(*layers)
        self.channels = [width * f for f in VGG_FACTOR]

    def forward(self, x):
        feats = []
        for i, m in enumerate(self.features):
            x = m(x)
            if i in self.pools:
                feats.append(x)
        return feats


class SubPixelUpsample(nn.Module):
    """seg4j's learned upsampling: 3x3 conv (no bias) to filters * s * s channels, pixel shuffle."""

    def __init__(self, cin, filters, factor):
        super().__init__()
        self.factor = factor
        self.conv = nn.Conv2d(cin, filters * factor * factor, 3, padding=1, bias=False)

    def forward(self, x):
        return F.pixel_shuffle(self.conv(x), self.factor)


class FcnDecoder(nn.Module):
    """seg4j's FCN decoder: fc6/fc7 (3x3 and 1x1 conv + BN + ReLU) on pool5, 1x1 score layers with
    bias on pool5/pool4/pool3, learned 2x upsampling of the coarser scores added to the finer ones,
    learned upsampling by the finest stride."""

    def __init__(self, channels, classes, variant=8, fc_width=None, fc_kernel=3):
        super().__init__()
        self.strides = {8: [8, 16, 32], 16: [16, 32], 32: [32]}[variant]
        fc_width = fc_width or min(2 * channels[-1], 1024)
        self.fc = nn.Sequential(conv_bn_relu(channels[-1], fc_width, fc_kernel), conv_bn_relu(fc_width, fc_width, 1))
        cin = {8: channels[2], 16: channels[3], 32: fc_width}
        for s in self.strides:
            setattr(self, "score%d" % s, nn.Conv2d(cin[s], classes, 1))
        for s in self.strides[1:]:
            setattr(self, "up%d" % s, SubPixelUpsample(classes, classes, 2))
        finest = self.strides[0]
        setattr(self, "up%dx" % finest, SubPixelUpsample(classes, classes, finest))

    def forward(self, feats):
        by_stride = {8: feats[2], 16: feats[3], 32: feats[4]}
        s = self.score32(self.fc(by_stride[32]))
        for i in range(len(self.strides) - 2, -1, -1):
            st = self.strides[i]
            skip = getattr(self, "score%d" % st)(by_stride[st])
            up = getattr(self, "up%d" % self.strides[i + 1])(s)
            s = up[:, :, :skip.shape[2], :skip.shape[3]] + skip
        return getattr(self, "up%dx" % self.strides[0])(s)


class Fcn(nn.Module):
    """seg4j `fcn8s` / `fcn16s` / `fcn32s` on the VGG-16 encoder (the paper's FCN, not torchvision's
    fcn_resnet50, whose head is a 3x3 conv on a dilated ResNet)."""

    def __init__(self, classes, variant=8, width=64, fc_width=None):
        super().__init__()
        self.encoder = Vgg16Bn(width)
        self.decoder = FcnDecoder(self.encoder.channels, classes, variant, fc_width)

    def forward(self, x):
        h, w = x.shape[2:]
        return self.decoder(self.encoder(pad_to(x, 32)))[:, :, :h, :w]


# ---------------------------------------------------------------------------------------------
# DeepLabV3 with torchvision's names (backbone, classifier = DeepLabHead)
# ---------------------------------------------------------------------------------------------

class AsppPooling(nn.Sequential):
    """seg4j's image pooling: global average, biased 1x1 conv, ReLU (torchvision: bias-free conv +
    BN + ReLU, whose BN cannot train on a batch of one). Index 0 is the pooling, as torchvision's."""

    def __init__(self, cin, width):
        super().__init__(nn.AdaptiveAvgPool2d(1), nn.Conv2d(cin, width, 1), nn.ReLU())

    def forward(self, x):
        h, w = x.shape[2:]
        return super().forward(x).expand(-1, -1, h, w)


class TorchvisionAspp(nn.Module):
    """torchvision.models.segmentation.deeplabv3.ASPP: convs.0 1x1, convs.1..k atrous 3x3 (conv,
    BN, ReLU), convs.k+1 pooling, project (1x1 conv, BN, ReLU, dropout)."""

    def __init__(self, cin, rates, width=256, dropout=0.1):
        super().__init__()
        mods = [conv_bn_relu(cin, width, 1)] + [conv_bn_relu(cin, width, 3, dilation=r) for r in rates]
        mods.append(AsppPooling(cin, width))
        self.convs = nn.ModuleList(mods)
        self.project = nn.Sequential(nn.Conv2d(width * len(mods), width, 1, bias=False), nn.BatchNorm2d(width),
                                     nn.ReLU(), nn.Dropout(dropout))

    def forward(self, x):
        return self.project(torch.cat([c(x) for c in self.convs], 1))


class DeepLabV3(nn.Module):
    """seg4j `deeplabv3` on a ResNet, with torchvision's deeplabv3 names: backbone.*, classifier.0
    (ASPP), classifier.1/2 (3x3 conv, BN), classifier.4 (1x1 classifier); bilinear upsampling by
    the output stride."""

    def __init__(self, classes, depth=18, width=64, decoder_width=256, rates=(12, 24, 36), dropout=0.1,
                 output_stride=8, backbone=None):
        super().__init__()
        self.output_stride = output_stride
        self.backbone = backbone if backbone is not None else ResNet(depth, width, output_stride)
        cin = self.backbone.channels[-1]
        self.classifier = nn.Sequential(TorchvisionAspp(cin, rates, decoder_width, dropout),
                                        nn.Conv2d(decoder_width, decoder_width, 3, padding=1, bias=False),
                                        nn.BatchNorm2d(decoder_width), nn.ReLU(), nn.Conv2d(decoder_width, classes, 1))

    def forward(self, x):
        h, w = x.shape[2:]
        y = self.classifier(self.backbone(pad_to(x, self.output_stride))[-1])
        y = resize(y, y.shape[2] * self.output_stride, y.shape[3] * self.output_stride)
        return y[:, :, :h, :w]


# ---------------------------------------------------------------------------------------------
# PSPNet
# ---------------------------------------------------------------------------------------------

class PyramidPooling(nn.Module):
    """PSPNet's module as seg4j's PyramidPooling: per bin b, adaptive average pooling to b x b, 1x1
    conv + BN + ReLU (bin 1: biased conv + ReLU, no BN), bilinear upsampling; concatenated after the
    input."""

    def __init__(self, cin, bins, branch_width):
        super().__init__()
        self.bins = bins
        self.branches = nn.ModuleList([
            nn.Sequential(nn.Conv2d(cin, branch_width, 1), nn.ReLU()) if b == 1 else conv_bn_relu(cin, branch_width, 1)
            for b in bins])

    def forward(self, x):
        h, w = x.shape[2:]
        parts = [x]
        for b, branch in zip(self.bins, self.branches):
            parts.append(resize(branch(F.adaptive_avg_pool2d(x, b)), h, w))
        return torch.cat(parts, 1)


class PSPNet(nn.Module):
    """seg4j `pspnet` on a ResNet: pyramid pooling (decoder.ppm), 3x3 conv + BN + ReLU + dropout
    (decoder.fuse), 1x1 classifier (head), bilinear upsampling by the output stride."""

    def __init__(self, classes, depth=18, width=64, decoder_width=512, bins=(1, 2, 3, 6), dropout=0.1,
                 output_stride=16):
        super().__init__()
        self.output_stride = output_stride
        self.encoder = ResNet(depth, width, output_stride)
        cin = self.encoder.channels[3]
        branch = max(1, cin // len(bins))
        self.decoder = nn.Module()
        self.decoder.ppm = PyramidPooling(cin, list(bins), branch)
        self.decoder.fuse = nn.Sequential(nn.Conv2d(cin + branch * len(bins), decoder_width, 3, padding=1, bias=False),
                                          nn.BatchNorm2d(decoder_width), nn.ReLU(), nn.Dropout(dropout))
        self.head = nn.Conv2d(decoder_width, classes, 1)

    def forward(self, x):
        h, w = x.shape[2:]
        f = self.encoder(pad_to(x, self.output_stride))[3]
        y = self.head(self.decoder.fuse(self.decoder.ppm(f)))
        y = resize(y, y.shape[2] * self.output_stride, y.shape[3] * self.output_stride)
        return y[:, :, :h, :w]


# ---------------------------------------------------------------------------------------------
# Fast-SCNN (Poudel et al., 2019), names after the paper's modules
# ---------------------------------------------------------------------------------------------

def dw_bn_relu(c, stride=1, dilation=1):
    return conv_bn_relu(c, c, 3, stride=stride, dilation=dilation, groups=c)


def ds_conv(cin, cout, stride):
    """Depthwise 3x3 (stride) + BN + ReLU (.0), pointwise 1x1 + BN + ReLU (.1)."""
    return nn.Sequential(dw_bn_relu(cin, stride), conv_bn_relu(cin, cout, 1))


class InvertedResidual(nn.Module):
    """MobileNetV2 bottleneck as seg4j's Fast-SCNN one: block.0 expand 1x1, block.1 depthwise 3x3
    (stride), block.2 linear 1x1 (each conv + BN); residual when stride 1 and channels equal."""

    def __init__(self, cin, cout, stride, expansion):
        super().__init__()
        hidden = cin * expansion
        self.residual = stride == 1 and cin == cout
        self.block = nn.Sequential(conv_bn_relu(cin, hidden, 1), dw_bn_relu(hidden, stride),
                                   conv_bn_relu(hidden, cout, 1, relu=False))

    def forward(self, x):
        y = self.block(x)
        return y + x if self.residual else y


class FastScnn(nn.Module):
    """seg4j `fastscnn`: learning to downsample (stride 8), bottlenecks at strides 16 and 32, pyramid
    pooling with quarter-width branches + 1x1 projection, feature fusion, classifier, learned 2x
    upsampling of the scores, bilinear 4x."""

    def __init__(self, classes, width=16, blocks=3, expansion=6):
        super().__init__()
        w, c1, c2 = width, width + width // 2, 2 * width
        self.encoder = nn.Module()
        self.encoder.learning_to_downsample = nn.Sequential(conv_bn_relu(3, w, 3, stride=2), ds_conv(w, c1, 2),
                                                            ds_conv(c1, c2, 2))

        def group(cin, cout, stride):
            return [InvertedResidual(cin if i == 0 else cout, cout, stride if i == 0 else 1, expansion)
                    for i in range(blocks)]

        self.encoder.bottleneck16 = nn.Sequential(*group(c2, 2 * w, 2))
        self.encoder.bottleneck32 = nn.Sequential(*(group(2 * w, 3 * w, 2) + group(3 * w, 4 * w, 1)))
        low, ch = 4 * w, 4 * w
        self.decoder = nn.Module()
        self.decoder.ppm = PyramidPooling(low, [1, 2, 3, 6], max(1, low // 4))
        self.decoder.ppm_project = conv_bn_relu(low + 4 * max(1, low // 4), low, 1)
        self.decoder.high = conv_bn_relu(c2, ch, 1, relu=False)
        self.decoder.low = nn.Sequential(dw_bn_relu(low, 1, 4), conv_bn_relu(low, ch, 1, relu=False))
        self.decoder.classifier = nn.Sequential(ds_conv(ch, ch, 1), ds_conv(ch, ch, 1), nn.Conv2d(ch, classes, 1))
        self.decoder.upsample = SubPixelUpsample(classes, classes, 2)

    def forward(self, x):
        h, w = x.shape[2:]
        fine = self.encoder.learning_to_downsample(pad_to(x, 32))
        coarse = self.encoder.bottleneck32(self.encoder.bottleneck16(fine))
        ctx = self.decoder.ppm_project(self.decoder.ppm(coarse))
        up = resize(ctx, fine.shape[2], fine.shape[3])
        fused = F.relu(self.decoder.high(fine) + self.decoder.low(up))
        y = self.decoder.upsample(self.decoder.classifier(fused))
        y = resize(y, y.shape[2] * 4, y.shape[3] * 4)
        return y[:, :, :h, :w]


# ---------------------------------------------------------------------------------------------
# SegNet on the same VGG-16 (vgg16_bn names), max-unpooling with nn.MaxUnpool2d
# ---------------------------------------------------------------------------------------------

class SegNet(nn.Module):
    """seg4j `segnet`: the encoder is Vgg16Bn (same names as FCN's, so weights move between them), its
    poolings keeping their indices; the decoder, from pool5, unpools with the matching indices
    (nn.MaxUnpool2d) and applies as many 3x3 conv + BN + ReLU units as the encoder block had (the last
    one to the next finer block's channels), decoder.blocks.i.k; a 1x1 classifier with bias (head)."""

    def __init__(self, classes, width=64):
        super().__init__()
        self.encoder = Vgg16Bn(width)
        ch = self.encoder.channels
        self.decoder = nn.Module()
        self.decoder.blocks = nn.ModuleList([
            nn.Sequential(*([conv_bn_relu(ch[i], ch[i], 3) for _ in range(VGG_CONVS[i] - 1)]
                            + [conv_bn_relu(ch[i], ch[max(i - 1, 0)], 3)]))
            for i in range(len(VGG_CONVS))])
        self.unpool = nn.MaxUnpool2d(2, 2)
        self.head = nn.Conv2d(ch[0], classes, 1)

    def forward(self, x):
        h, w = x.shape[2:]
        x = pad_to(x, 32)
        indices = []
        for i, m in enumerate(self.encoder.features):
            if i in self.encoder.pools:
                x, idx = F.max_pool2d(x, 2, 2, return_indices=True)
                indices.append(idx)
            else:
                x = m(x)
        for i in range(len(VGG_CONVS) - 1, -1, -1):
            x = self.decoder.blocks[i](self.unpool(x, indices[i]))
        return self.head(x)[:, :, :h, :w]


# ---------------------------------------------------------------------------------------------
# MobileNetV2 with torchvision's mobilenet_v2 names (features.N), as seg4j's mobilenetv2 encoder
# ---------------------------------------------------------------------------------------------

def make_divisible(v, divisor=8):
    """torchvision's _make_divisible."""
    new_v = max(divisor, int(v + divisor / 2) // divisor * divisor)
    return new_v + divisor if new_v < 0.9 * v else new_v


def conv_bn_relu6(cin, cout, k, stride=1, dilation=1, groups=1):
    return nn.Sequential(nn.Conv2d(cin, cout, k, stride, dilation * (k // 2), dilation, groups, bias=False),
                         nn.BatchNorm2d(cout), nn.ReLU6())


class MobileInvertedResidual(nn.Module):
    """torchvision's InvertedResidual: conv.0 expansion (when t > 1), depthwise, then the linear 1x1
    conv and its BN as the last two children."""

    def __init__(self, cin, cout, stride, dilation, t):
        super().__init__()
        hidden = cin * t
        layers = [] if t == 1 else [conv_bn_relu6(cin, hidden, 1)]
        layers += [conv_bn_relu6(hidden, hidden, 3, stride, dilation, hidden), nn.Conv2d(hidden, cout, 1, bias=False),
                   nn.BatchNorm2d(cout)]
        self.conv = nn.Sequential(*layers)
        self.use_res_connect = stride == 1 and cin == cout

    def forward(self, x):
        return x + self.conv(x) if self.use_res_connect else self.conv(x)


class MobileNetV2(nn.Module):
    """torchvision's mobilenet_v2 `features` without the last 1x1 conv to 1280 (features.18), at
    `width` stem channels (multiplier width / 32), with seg4j's five stages (outputs at strides 2, 4,
    8, 16, 32) and output stride 16 or 8 by dilation (a dilated stage's first unit keeps the
    previous dilation, as seg4j's DilationPlan and torchvision's replace_stride_with_dilation)."""

    GROUPS = [[(1, 16, 1)], [(6, 24, 2)], [(6, 32, 3)], [(6, 64, 4), (6, 96, 3)], [(6, 160, 3), (6, 320, 1)]]

    def __init__(self, width=32, output_stride=32):
        super().__init__()
        mult = width / 32
        stem = make_divisible(32 * mult)
        layers, cin = [conv_bn_relu6(3, stem, 3, stride=2)], stem
        reduction, dilation = 1, 1
        self.stage_ends, self.channels = [], []
        for s, groups in enumerate(self.GROUPS):
            first_dilation = dilation
            if reduction * 2 > output_stride:
                dilation, stride = dilation * 2, 1
            else:
                reduction, stride = reduction * 2, 2
            first = True
            for t, c, n in groups:
                out = make_divisible(c * mult)
                for _ in range(n):
                    layers.append(MobileInvertedResidual(cin, out, stride if first and s > 0 else 1,
                                                         first_dilation if first else dilation, t))
                    cin, first = out, False
            self.stage_ends.append(len(layers) - 1)
            self.channels.append(cin)
        self.features = nn.Sequential(*layers)

    def forward(self, x):
        feats = []
        for i, m in enumerate(self.features):
            x = m(x)
            if i in self.stage_ends:
                feats.append(x)
        return feats


# ---------------------------------------------------------------------------------------------
# ParseNet (Liu, Rabinovich and Berg, 2015) as seg4j builds it: on a dilated ResNet
# ---------------------------------------------------------------------------------------------

class L2Norm(nn.Module):
    """seg4j's L2Norm: y = scale_c * x / sqrt(sum_c x_c^2 + 1e-10) at every position (channel axis 1)."""

    def __init__(self, channels, initial_scale=10.0):
        super().__init__()
        self.scale = nn.Parameter(torch.full((channels,), float(initial_scale)))

    def forward(self, x):
        return self.scale.view(1, -1, 1, 1) * x / (x.square().sum(1, keepdim=True) + 1e-10).sqrt()


class ParseNet(nn.Module):
    """seg4j `parsenet`: the deepest feature of a dilated ResNet (output stride 16) L2-normalised
    (decoder.local_norm), its global average L2-normalised (decoder.global_norm) and broadcast to every
    position, concatenated after the map; 1x1 classifier (head), bilinear upsampling by the stride.
    seg4j departs from the paper, which adds the context on DeepLab-LargeFOV's VGG-16 fc7 (and
    normalises several layers): seg4j reads one feature of any dilated encoder."""

    def __init__(self, classes, depth=18, width=64, output_stride=16, l2_scale=10.0):
        super().__init__()
        self.output_stride = output_stride
        self.encoder = ResNet(depth, width, output_stride)
        c = self.encoder.channels[3]
        self.decoder = nn.Module()
        self.decoder.local_norm = L2Norm(c, l2_scale)
        self.decoder.global_norm = L2Norm(c, l2_scale)
        self.head = nn.Conv2d(2 * c, classes, 1)

    def forward(self, x):
        h, w = x.shape[2:]
        f = self.encoder(pad_to(x, self.output_stride))[3]
        pooled = self.decoder.global_norm(f.mean((2, 3), keepdim=True))
        y = torch.cat([self.decoder.local_norm(f), pooled.expand_as(f)], 1)
        y = self.head(y)
        y = resize(y, y.shape[2] * self.output_stride, y.shape[3] * self.output_stride)
        return y[:, :, :h, :w]


# ---------------------------------------------------------------------------------------------
# FastFCN (Wu et al., 2019): Joint Pyramid Upsampling on an undilated ResNet, FCN head
# ---------------------------------------------------------------------------------------------

class Jpu(nn.Module):
    """seg4j's JointPyramidUpsampling: reduce.i = 3x3 conv + BN + ReLU per input (finest first),
    bilinear upsampling to the finest, concatenation, then dilation.k = separable unit per dilation
    (depthwise 3x3 + BN + ReLU, pointwise 1x1 + BN + ReLU; children 0, 1, 2, 3), concatenated.
    seg4j departs from the reference code (github.com/wuhuikai/FastFCN, encoding/nn/customize.py),
    whose separable unit has no ReLU between the depthwise BN and the pointwise conv, and whose
    upsampling uses align_corners=True."""

    def __init__(self, in_channels, width, dilations=(1, 2, 4, 8)):
        super().__init__()
        self.reduce = nn.ModuleList([conv_bn_relu(c, width, 3) for c in in_channels])
        self.dilation = nn.ModuleList([separable(len(in_channels) * width, width, d) for d in dilations])

    def forward(self, feats):
        h, w = feats[0].shape[2:]
        joint = torch.cat([resize(r(f), h, w) for r, f in zip(self.reduce, feats)], 1)
        return torch.cat([d(joint) for d in self.dilation], 1)


class FastFcn(nn.Module):
    """seg4j `fastfcn`: ResNet at output stride 32, JPU over layer2..4 (strides 8/16/32,
    decoder.jpu), the head (decoder.head), 1x1 classifier (head) and bilinear upsampling x8. Head
    `fcn`: 3x3 conv + BN + ReLU + dropout (it narrows 4 x width to width, as the reference's in/4);
    head `aspp`: DeepLabV3's ASPP (rates 12/24/36, seg4j's image pooling, dropout after the
    projection) with torchvision's ASPP names (convs.k, project)."""

    def __init__(self, classes, depth=18, width=64, decoder_width=512, dropout=0.1, head="fcn"):
        super().__init__()
        self.encoder = ResNet(depth, width, 32)
        self.decoder = nn.Module()
        self.decoder.jpu = Jpu(self.encoder.channels[1:], decoder_width)
        if head == "aspp":
            self.decoder.head = TorchvisionAspp(4 * decoder_width, (12, 24, 36), decoder_width, dropout)
        else:
            self.decoder.head = nn.Sequential(conv_bn_relu(4 * decoder_width, decoder_width, 3), nn.Dropout(dropout))
        self.head = nn.Conv2d(decoder_width, classes, 1)

    def forward(self, x):
        h, w = x.shape[2:]
        feats = self.encoder(pad_to(x, 32))
        y = self.head(self.decoder.head(self.decoder.jpu(feats[1:])))
        y = resize(y, y.shape[2] * 8, y.shape[3] * 8)
        return y[:, :, :h, :w]


# ---------------------------------------------------------------------------------------------
# Segmenter (Strudel et al., 2021): ViT encoder + mask transformer, timm / Segmenter names
# ---------------------------------------------------------------------------------------------

class Attention(nn.Module):
    """timm's ViT attention (qkv, proj), as seg4j's MultiHeadAttention: the qkv output splits into
    q, k, v, each head-major."""

    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        b, t, d = x.shape
        dh = d // self.heads
        q, k, v = self.qkv(x).reshape(b, t, 3, self.heads, dh).permute(2, 0, 3, 1, 4)
        attn = ((q * dh ** -0.5) @ k.transpose(-2, -1)).softmax(-1)
        return self.proj((attn @ v).transpose(1, 2).reshape(b, t, d))


class Mlp(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x)))


class VitBlock(nn.Module):
    """seg4j's TransformerBlock (pre-norm, layer norms with eps 1e-6, exact GELU, no dropout or drop
    path) with timm's names norm1, attn, norm2, mlp.fc1/fc2."""

    def __init__(self, dim, heads, mlp_ratio):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=1e-6)
        self.attn = Attention(dim, heads)
        self.norm2 = nn.LayerNorm(dim, eps=1e-6)
        self.mlp = Mlp(dim, dim * mlp_ratio)

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class Vit(nn.Module):
    """seg4j's VitEncoder: patch_embed.proj (p x p conv, stride p, bias), pos_embed stored as a
    (1, D, gh, gw) map resized bilinearly (align_corners=False) to the input's patch grid, blocks.i,
    norm; no class token. Departs from timm, whose pos_embed is a (1, 1 + gh*gw, D) token sequence
    with the class token's first."""

    def __init__(self, width, patch, depth, heads, mlp_ratio, grid):
        super().__init__()
        self.patch_embed = nn.Module()
        self.patch_embed.proj = nn.Conv2d(3, width, patch, stride=patch)
        self.pos_embed = nn.Parameter(torch.randn(1, width, *grid) * 0.02)
        self.blocks = nn.ModuleList([VitBlock(width, heads, mlp_ratio) for _ in range(depth)])
        self.norm = nn.LayerNorm(width, eps=1e-6)

    def forward(self, x):
        x = self.patch_embed.proj(x)
        h, w = x.shape[2:]
        x = (x + resize(self.pos_embed, h, w)).flatten(2).transpose(1, 2)
        for blk in self.blocks:
            x = blk(x)
        return self.norm(x).transpose(1, 2).reshape(x.shape[0], -1, h, w)


def l2_normalize(x):
    """seg4j's Tokens.l2Normalize (the reference divides by the plain norm)."""
    return x / (x.square().sum(-1, keepdim=True) + 1e-12).sqrt()


class MaskTransformer(nn.Module):
    """seg4j's MaskTransformerDecoder with the Segmenter reference's names (segm/model/decoder.py):
    proj_dec, cls_emb, blocks.i, decoder_norm, proj_patch, proj_classes, mask_norm. Departures of
    seg4j: proj_patch/proj_classes are bias-free linear layers (the reference multiplies by a raw
    (D, D) parameter, so its matrix is this weight transposed), the block and decoder norms use
    eps 1e-6 (reference: 1e-5), and the L2 normalisation adds 1e-12 under the square root."""

    def __init__(self, classes, enc_width, width, depth, heads, mlp_ratio):
        super().__init__()
        self.classes = classes
        self.proj_dec = nn.Linear(enc_width, width)
        self.cls_emb = nn.Parameter(torch.randn(1, classes, width) * 0.02)
        self.blocks = nn.ModuleList([VitBlock(width, heads, mlp_ratio) for _ in range(depth)])
        self.decoder_norm = nn.LayerNorm(width, eps=1e-6)
        self.proj_patch = nn.Linear(width, width, bias=False)
        self.proj_classes = nn.Linear(width, width, bias=False)
        self.mask_norm = nn.LayerNorm(classes)

    def forward(self, grid):
        n, _, h, w = grid.shape
        x = self.proj_dec(grid.flatten(2).transpose(1, 2))
        x = torch.cat([x, self.cls_emb.expand(n, -1, -1)], 1)
        for blk in self.blocks:
            x = blk(x)
        x = self.decoder_norm(x)
        patches = l2_normalize(self.proj_patch(x[:, :-self.classes]))
        cls = l2_normalize(self.proj_classes(x[:, -self.classes:]))
        masks = self.mask_norm(patches @ cls.transpose(1, 2))
        return masks.transpose(1, 2).reshape(n, self.classes, h, w)


class Segmenter(nn.Module):
    """seg4j `segmenter`: Vit (encoder), MaskTransformer (decoder), bilinear upsampling of the class
    masks by the patch size; the input is padded by reflection to a multiple of the patch."""

    def __init__(self, classes, width=192, patch=16, depth=12, heads=3, mlp_ratio=4, grid=(32, 32),
                 dec_width=None, dec_depth=2, dec_heads=None):
        super().__init__()
        self.patch = patch
        dec_width = dec_width or width
        self.encoder = Vit(width, patch, depth, heads, mlp_ratio, grid)
        self.decoder = MaskTransformer(classes, width, dec_width, dec_depth, dec_heads or max(1, dec_width // 64),
                                       mlp_ratio)

    def forward(self, x):
        h, w = x.shape[2:]
        y = self.decoder(self.encoder(pad_to(x, self.patch)))
        y = resize(y, y.shape[2] * self.patch, y.shape[3] * self.patch)
        return y[:, :, :h, :w]
def torchvision():
    """torchvision itself, for its model definitions (pure Python) only.

    The offline torchvision wheels are built against the CUDA torch of the same version, so with the
    CPU torch their C++ operators (nms, roi_align) fail to register and `import torchvision` raises in
    `_meta_registrations`. No segmentation or classification model uses those operators: registering
    their fake (meta) kernels is skipped, and the models are torchvision's own code.
    """
    import torch.library
    real = torch.library.register_fake
    torch.library.register_fake = lambda *args, **kwargs: (lambda fn: fn)
    try:
        import torchvision as tv
    finally:
        torch.library.register_fake = real
    return tv


def torchvision_lraspp(num_classes, width_mult=1.0):
    """torchvision's lraspp_mobilenet_v3_large, with torchvision's (private) width multiplier."""
    tv = torchvision()
    from torchvision.models.segmentation.lraspp import _lraspp_mobilenetv3
    backbone = tv.models.mobilenet_v3_large(weights=None, width_mult=width_mult, dilated=True)
    return _lraspp_mobilenetv3(backbone, num_classes)


def torchvision_deeplabv3_mobilenetv3(num_classes, width_mult=1.0, aspp_width=256, dropout=0.5):
    """torchvision's deeplabv3_mobilenet_v3_large (its `_deeplabv3_mobilenetv3`: the dilated
    MobileNetV3-Large under an IntermediateLayerGetter, DeepLabHead on the last feature, no aux head),
    with torchvision's (private) width multiplier. `aspp_width` narrows DeepLabHead's fixed 256
    channels with torchvision's own ASPP and the same module indices (classifier.0..4); `dropout` is
    the ASPP projection's (0.5 in torchvision; 0 makes a training step deterministic)."""
    tv = torchvision()
    from torchvision.models.segmentation import deeplabv3 as tv_deeplab
    backbone = tv.models.mobilenet_v3_large(weights=None, width_mult=width_mult, dilated=True)
    model = tv_deeplab._deeplabv3_mobilenetv3(backbone, num_classes, aux=False)
    if aspp_width != 256:
        cin = model.classifier[0].convs[0][0].in_channels
        model.classifier = nn.Sequential(tv_deeplab.ASPP(cin, [12, 24, 36], out_channels=aspp_width),
                                         nn.Conv2d(aspp_width, aspp_width, 3, padding=1, bias=False),
                                         nn.BatchNorm2d(aspp_width), nn.ReLU(), nn.Conv2d(aspp_width, num_classes, 1))
    model.classifier[0].project[3].p = dropout
    return model


class Padded(nn.Module):
    """Runs a torchvision segmentation model as SegmentationModel runs seg4j's: the input padded by
    reflection to a multiple of the output stride, torchvision's forward, the logits cropped back.
    `net` holds the model, so its state dict and parameters are torchvision's (make_fixtures reads
    them from `net`)."""

    def __init__(self, net, multiple):
        super().__init__()
        self.net = net
        self.multiple = multiple

    def forward(self, x):
        h, w = x.shape[-2:]
        return self.net(pad_to(x, self.multiple))["out"][:, :, :h, :w]
