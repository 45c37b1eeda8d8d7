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
