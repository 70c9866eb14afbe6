export * from './aliyun';
export * from './tencent';
export * from './wechat-crypto';
export * from './intake';
