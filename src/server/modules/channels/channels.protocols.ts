/** The vendors' protocols (signatures, encryption, answer codes), free of I/O. */
export * from './channels.aliyun';
export * from './channels.tencent';
export * from './channels.wechat-crypto';
